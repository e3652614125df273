package io.mekong.connector.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

/** Reads a response body into memory up to a cap, so that a vendor cannot make the hub hold more than the cap. */
final class BoundedBody {

    private static final int CHUNK = 8192;

    private BoundedBody() {
    }

    /**
     * @param declared the body's declared length, -1 when unknown: a larger declared length fails before reading
     * @throws ResponseLimitExceeded once more than {@code maxBytes} would be held, having read at most one chunk past it
     */
    static String read(InputStream in, long declared, Charset charset, long maxBytes) throws IOException {
        if (declared > maxBytes) {
            throw ResponseLimitExceeded.tooLarge(maxBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, CHUNK), CHUNK * 8L));
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(chunk)) != -1; ) {
            total += n;
            if (total > maxBytes) {
                throw ResponseLimitExceeded.tooLarge(maxBytes);
            }
            out.write(chunk, 0, n);
        }
        return out.toString(charset);
    }
}

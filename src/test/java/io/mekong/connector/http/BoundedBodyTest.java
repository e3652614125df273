package io.mekong.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hub never holds more of a vendor's body than the cap: measured on what the reader pulls from the stream. */
class BoundedBodyTest {

    private static final long CAP = 16L * 1024 * 1024;

    /** An endless-looking body of {@code size} spaces that counts what was read from it, holding none of it. */
    private static final class CountingBody extends InputStream {
        private final long size;
        private long pulled;

        CountingBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return pulled < size ? (++pulled > 0 ? ' ' : -1) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pulled >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pulled);
            java.util.Arrays.fill(b, off, off + n, (byte) ' ');
            pulled += n;
            return n;
        }
    }

    @Test
    void aBodyOverTheCapIsRefusedAfterReadingAtMostOneChunkPastIt() {
        for (long size : new long[] {CAP + 1, 20_000_000L, 1L << 40}) { // just over, 20 MB, a terabyte
            CountingBody body = new CountingBody(size);

            assertThatThrownBy(() -> BoundedBody.read(body, -1, StandardCharsets.UTF_8, CAP))
                    .isInstanceOf(ResponseLimitExceeded.class)
                    .hasMessageContaining("larger than 16777216 bytes");
            assertThat(body.pulled).as("bytes read of a %d-byte body", size).isLessThanOrEqualTo(CAP + 8192);
        }
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReadingAnything() {
        CountingBody body = new CountingBody(20_000_000L);

        assertThatThrownBy(() -> BoundedBody.read(body, 20_000_000L, StandardCharsets.UTF_8, CAP))
                .isInstanceOf(ResponseLimitExceeded.class);
        assertThat(body.pulled).isZero();
    }

    @Test
    void aBodyUpToTheCapIsReadWhole() throws IOException {
        assertThat(BoundedBody.read(new CountingBody(CAP), -1, StandardCharsets.UTF_8, CAP)).hasSize((int) CAP);
        assertThat(BoundedBody.read(InputStream.nullInputStream(), 0, StandardCharsets.UTF_8, CAP)).isEmpty();
    }
}

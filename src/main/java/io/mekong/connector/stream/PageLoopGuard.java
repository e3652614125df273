package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Arrays;
import java.util.List;

/**
 * Ends a listing that would never end: a source that gives again a next link, cursor or id it already gave in this
 * run, or, where the paginator counts positions itself, answers with a page of records it already gave (a server
 * that ignores the page parameter). The digests of the last {@link #REMEMBERED} pages travel in the page token;
 * a longer cycle is ended by the run's page limit ({@code mekong.sync.max-pages-per-run}).
 */
final class PageLoopGuard {

    static final int REMEMBERED = 16;

    private PageLoopGuard() {
    }

    /**
     * @param seen the digests the run's earlier pages left in the page token (null for none)
     * @return the digests to hand on with the next page's token
     * @throws ConnectorException when this page repeats one of them
     */
    static List<String> check(String system, String stream, Paginator paginator, List<String> seen, String next,
                              List<JsonNode> records) {
        List<String> remembered = seen == null ? new ArrayList<>() : new ArrayList<>(seen);
        String key = paginator.repeatKey(next, records);
        if (key == null) {
            return remembered;
        }
        String digest = digest(key);
        if (remembered.contains(digest)) {
            throw new ConnectorException(system + ": stream " + stream + ": the source gave " + paginator.repeated()
                    + " twice in one run; reading on would loop forever, so the read stops here", 0);
        }
        remembered.add(digest);
        return remembered.size() > REMEMBERED ? remembered.subList(remembered.size() - REMEMBERED, remembered.size())
                : remembered;
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            // 96 bits: no two pages of a run share them by chance
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

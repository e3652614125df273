package io.mekong.connector.stream;

import io.mekong.config.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Where a run is: its filter (fixed for the whole run, so that records updated during the run cannot shift
 * the pages), the paginator's position, and the highest cursor value read so far. Opaque to callers:
 * base64url of a small JSON object.
 *
 * @param filter   the run's server-side filter, null for a full read
 * @param position the paginator's position of the next page
 * @param cursor   the highest cursor value read in this run so far, null if none
 * @param window   windowed streams: the start of the window being read (ISO instant), else null
 * @param runEnd   windowed streams: where the run stops, fixed when it starts, else null
 * @param seen     digests of the last pages read under this filter and window, to stop a source that loops
 *                 ({@link PageLoopGuard}); null for none
 */
public record PageToken(String filter, String position, String cursor, String window, String runEnd, List<String> seen) {

    public PageToken(String filter, String position, String cursor) {
        this(filter, position, cursor, null, null, null);
    }

    public PageToken(String filter, String position, String cursor, String window, String runEnd) {
        this(filter, position, cursor, window, runEnd, null);
    }


    public String encode() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when the token was not made by {@link #encode()} */
    public static PageToken decode(String token) {
        try {
            return Json.MAPPER.readValue(Base64.getUrlDecoder().decode(token), PageToken.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new IllegalArgumentException("not a page token of this engine: " + token);
        }
    }
}

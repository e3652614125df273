package io.mekong.connection;

import java.util.Map;

/**
 * What a caller asks to create or change. On update, secrets that are absent keep their stored values
 * (clients cannot read them back to resend them); params are replaced as a whole.
 *
 * @param id the API id: unique within the workspace; null or blank for a generated one
 */
public record ConnectionDraft(String id, String workspaceId, String connector, String name, Map<String, Object> params,
                              Map<String, String> secrets) {

    public ConnectionDraft {
        params = params == null ? Map.of() : params;
        secrets = secrets == null ? Map.of() : secrets;
    }
}

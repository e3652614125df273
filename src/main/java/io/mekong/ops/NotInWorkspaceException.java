package io.mekong.ops;

import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A caller asked for a row outside the workspace they are confined to. Answered as 404, exactly like a row that
 * does not exist, so a merchant cannot learn which ids other workspaces use.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotInWorkspaceException extends RuntimeException {

    /** What kind of row was asked for: the API names it in English, the console in the reader's language. */
    public enum Kind {
        CONNECTION("Connection"), SYNC("Sync"), RUN("Run"), PROFILE("Profile"), WORKSPACE("Workspace"),
        DESTINATION("Destination"), ERASURE("Erasure"), DATA_REQUEST("Data request"), DEAD_LETTER("Dead letter");

        private final String english;

        Kind(String english) {
            this.english = english;
        }

        /** The key of the console's message naming a row of this kind ({@code console.missing.dead-letter}). */
        public String messageKey() {
            return "console.missing." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Kind kind;
    private final String id;

    public NotInWorkspaceException(Kind kind, Object id) {
        super(kind.english + " " + id + " not found");
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    public Kind kind() {
        return kind;
    }

    /** The id the caller asked for, as they wrote it. */
    public String id() {
        return id;
    }
}

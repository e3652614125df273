package io.mekong.ops;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A caller asked for a row outside the workspace they are confined to. Answered as 404, exactly like a row that
 * does not exist, so a merchant cannot learn which ids other workspaces use.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotInWorkspaceException extends RuntimeException {

    private final String what;

    public NotInWorkspaceException(String what) {
        super(what + " not found");
        this.what = what;
    }

    /** What was asked for, as in "Connection shop-b". */
    public String what() {
        return what;
    }
}

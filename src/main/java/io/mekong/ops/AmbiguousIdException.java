package io.mekong.ops;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * An id that is unique only within a workspace was named by a caller who sees several workspaces, and more than one
 * uses it: the caller has to name the workspace. Answered as 409.
 */
@ResponseStatus(HttpStatus.CONFLICT)
public class AmbiguousIdException extends RuntimeException {

    public AmbiguousIdException(String message) {
        super(message);
    }
}

package io.mekong.web;

/**
 * A console page about something that does not exist, or not in the reader's workspace: a 404 page saying which.
 *
 * @param messageKey the console's message naming the thing, with {@code {0}} for its id
 */
public class PageNotFound extends RuntimeException {

    private final String messageKey;
    private final String id;

    public PageNotFound(String messageKey, Object id) {
        super(messageKey + " " + id);
        this.messageKey = messageKey;
        this.id = String.valueOf(id);
    }

    String messageKey() {
        return messageKey;
    }

    String id() {
        return id;
    }
}

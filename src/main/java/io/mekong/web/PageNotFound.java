package io.mekong.web;

/** A console page about something that does not exist, or not in the reader's workspace: a 404 page saying which. */
public class PageNotFound extends RuntimeException {

    public PageNotFound(String what) {
        super(what);
    }
}

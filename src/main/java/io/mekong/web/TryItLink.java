package io.mekong.web;

/**
 * A page that helps someone trying Mekong fill in a connection form, offered where they pick the system to connect.
 * Only a hub with something to try defines one (the sandbox, with its simulated accounts); a production hub has none.
 */
public interface TryItLink {

    /** The page's path on this hub. */
    String path();

    /** The message key of the link's words. */
    String textKey();
}

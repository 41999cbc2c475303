package io.jiti.server.console;

import java.time.Instant;

/**
 * A signed-in browser: the cookie's id, the token it signed in with (kept in memory only, so every request
 * is checked as the API checks it: a revoked or expired token ends the session), the CSRF token its forms
 * carry, and when it started and was last used.
 *
 * @param id       the session cookie's value
 * @param token    the API token it signed in with
 * @param csrf     what every form it posts must carry
 * @param started  when it signed in
 * @param lastSeen when it last made a request
 */
public record ConsoleSession(String id, String token, String csrf, Instant started, Instant lastSeen) {

    /** The same session, used at {@code now}. */
    ConsoleSession seen(Instant now) {
        return new ConsoleSession(id, token, csrf, started, now);
    }

    @Override
    public String toString() {
        return "ConsoleSession[started=" + started + "]"; // never the id or the token
    }
}

package io.jiti.server.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links between console pages. */
final class Links {
    private Links() {
    }

    /** {@code text} as one path segment. */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Whether {@code next} is a console page to return to after signing in (never another site). */
    static boolean safeReturn(String next) {
        return next != null && next.startsWith("/console") && !next.startsWith("//") && !next.contains("\\")
                && !next.contains("://") && next.length() < 500 && next.chars().noneMatch(c -> c < 0x20);
    }
}

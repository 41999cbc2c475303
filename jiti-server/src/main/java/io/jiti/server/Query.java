package io.jiti.server;

import io.javalin.http.Context;
import io.jiti.platform.PlatformException;

/** Query and path parameters, checked: a malformed one is bad input naming it. */
final class Query {
    private Query() {
    }

    /** A whole number query parameter in [0, max], {@code fallback} when absent. */
    static long number(Context ctx, String name, long max, long fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        if (!v.matches("\\d{1,18}") || Long.parseLong(v) > max) {
            throw PlatformException.badInput(name, name + " is a whole number from 0 to " + max);
        }
        return Long.parseLong(v);
    }

    /** A deployment id path parameter. */
    static long id(Context ctx) {
        String v = ctx.pathParam("id");
        if (!v.matches("\\d{1,18}")) {
            throw PlatformException.badInput("id", "a deployment id is a number");
        }
        return Long.parseLong(v);
    }

    /** A boolean query parameter ({@code true}/{@code false}), false when absent. */
    static boolean flag(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty() || v.equals("false")) {
            return false;
        }
        if (!v.equals("true")) {
            throw PlatformException.badInput(name, name + " is true or false");
        }
        return true;
    }

    /** A duration query parameter written {@code N} followed by {@code s}, {@code m} or {@code h}; {@code fallback} when absent. */
    static java.time.Duration duration(Context ctx, String name, java.time.Duration fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        if (!v.matches("\\d{1,6}[smh]")) {
            throw PlatformException.badInput(name, name + " is a number followed by s, m or h (e.g. 15m, 1h)");
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> java.time.Duration.ofSeconds(n);
            case 'm' -> java.time.Duration.ofMinutes(n);
            default -> java.time.Duration.ofHours(n);
        };
    }
}

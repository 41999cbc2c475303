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
}

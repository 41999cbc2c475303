package io.jiti.server;

import io.javalin.http.Context;
import io.jiti.platform.Caller;
import io.jiti.platform.Identity;

/** Every request but health carries {@code Authorization: Bearer TOKEN}; the caller it names rides on the request. */
final class Auth {
    private static final String CALLER = "jiti.caller";

    private Auth() {
    }

    static void authenticate(Context ctx, Identity identity) {
        String header = ctx.header("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        ctx.attribute(CALLER, identity.authenticate(token));
    }

    static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }
}

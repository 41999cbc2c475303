package io.jiti.server;

import io.javalin.http.Context;
import io.jiti.platform.PlatformException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Errors as RFC 9457 problem documents ({@code application/problem+json}) naming the field at fault. */
public final class Problems {
    static final String TYPE = "application/problem+json";

    private Problems() {
    }

    /** The HTTP status a refusal of the domain gets (the API's and the console's). */
    public static int status(PlatformException e) {
        return switch (e.reason()) {
            case BAD_INPUT -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
    }

    static void write(Context ctx, PlatformException e) {
        write(ctx, status(e), e.getMessage(), e.field());
    }

    static void write(Context ctx, int status, String detail, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"jiti\"");
        }
        ctx.status(status).contentType(TYPE).result(Json.write(body));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}

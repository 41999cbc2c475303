package io.jiti.server.console;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The console's stylesheet and script, from the jar. */
final class Static {
    private static final Map<String, String> FILES = Map.of("console.css", "text/css", "console.js", "text/javascript");

    private Static() {
    }

    static void serve(Context ctx) {
        String file = ctx.pathParam("file");
        String type = FILES.get(file);
        if (type == null) {
            ctx.status(404).result("no such file");
            return;
        }
        try (InputStream in = Static.class.getResourceAsStream("static/" + file)) {
            ctx.header("Cache-Control", "max-age=300").contentType(type + "; charset=utf-8").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

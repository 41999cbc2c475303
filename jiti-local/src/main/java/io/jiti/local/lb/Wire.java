package io.jiti.local.lb;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.local.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The balancer host's protocol on its Unix domain socket: one JSON object per line each way, a request
 * {@code {"op": …}} answered by {@code {"ok": …}} or {@code {"error": "…"}}. Ops: {@code ping},
 * {@code listen} (a {@link ListenerSpec}), {@code backends} ({@code id}, {@code backends}),
 * {@code outstanding} ({@code id}, {@code backend}), {@code metrics} ({@code id}), {@code close} ({@code id}),
 * {@code state}.
 */
final class Wire {
    /** The longest line either side accepts. */
    static final int MAX_LINE = 1 << 20;

    private Wire() {
    }

    static void write(OutputStream out, Object message) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(message);
        out.write(bytes);
        out.write('\n');
        out.flush();
    }

    /** The next message, or null at the end of the stream. */
    static JsonNode read(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (line.length() >= MAX_LINE) {
                throw new IOException("a message longer than " + MAX_LINE + " characters");
            }
            line.append((char) c);
        }
        if (c == -1 && line.length() == 0) {
            return null;
        }
        return Json.MAPPER.readTree(line.toString().getBytes(StandardCharsets.UTF_8));
    }
}

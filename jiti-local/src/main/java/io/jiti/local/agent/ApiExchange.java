package io.jiti.local.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jiti.local.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One request to the agent's API, handled by blocking code: its route, its body, and ways to answer it. */
final class ApiExchange {
    /** The most a request body may hold (a particle's spec). */
    private static final int MAX_BODY = 4 << 20;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String[] path;
    private final Map<String, String> query = new HashMap<>();

    ApiExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.path = Request.getPathInContext(request).replaceAll("^/+|/+$", "").split("/");
        String raw = request.getHttpURI().getQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    query.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
    }

    String method() {
        return request.getMethod();
    }

    /** The path's segments ({@code /v1/stacks/S} is {@code [v1, stacks, S]}), decoded. */
    String[] path() {
        return path;
    }

    String query(String name) {
        return query.get(name);
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The body read as {@code type}; malformed JSON is a 400 naming what was wrong. */
    <T> T body(TypeReference<T> type) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new Agent.AgentException(413, "the request body is larger than " + MAX_BODY + " bytes");
            }
            return Json.MAPPER.readValue(bytes, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new Agent.AgentException(400, "the request body is not what the agent expects: " + e.getOriginalMessage());
        }
    }

    /** Answers with {@code body} as JSON. */
    void json(int status, Object body) throws IOException {
        bytes(status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }

    /** Answers with {@code body}. */
    void bytes(int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", contentType);
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Answers with lines written as they come; the connection may stay quiet for as long as it takes. */
    OutputStream stream(String contentType) {
        request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(0);
        response.setStatus(200);
        response.getHeaders().put("Content-Type", contentType);
        return Content.Sink.asOutputStream(response);
    }

    /** Ends a streamed answer. */
    void done(OutputStream out) {
        try {
            out.close();
            callback.succeeded();
        } catch (IOException e) {
            callback.failed(e);
        }
    }

    /** Whether an answer started (an error now can only cut it short). */
    boolean committed() {
        return response.isCommitted();
    }

    void failed(Throwable e) {
        callback.failed(e);
    }
}

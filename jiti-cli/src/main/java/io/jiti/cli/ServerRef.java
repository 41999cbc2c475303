package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.command.Invocation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The platform server a command talks to: {@code JITI_SERVER} (default {@code http://127.0.0.1:8750}) with
 * the token in {@code JITI_TOKEN}, or else the first admin's token of a server on this home
 * ({@code JITI_HOME/server/admin.token}) when it is readable.
 */
final class ServerRef {
    static final String DEFAULT_URL = "http://127.0.0.1:" + ServerCommand.DEFAULT_PORT;
    private final Invocation invocation;
    private HttpClient http;
    @Option(names = "--json", description = "Print the result as JSON (a command that deploys then returns at once).")
    boolean json;

    ServerRef(Invocation invocation) {
        this.invocation = invocation;
    }

    /** {@code path} relative to where the command was run. */
    Path resolve(Path path) {
        return invocation.resolve(path);
    }

    String url() {
        String v = invocation.env().get("JITI_SERVER");
        String url = v == null || v.isBlank() ? DEFAULT_URL : v.strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private String token() {
        String t = invocation.env().get("JITI_TOKEN");
        if (t != null && !t.isBlank()) {
            return t.strip();
        }
        Path file = invocation.context().home().resolve("server/admin.token");
        try {
            return Files.isReadable(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** GET {@code path}. */
    JsonNode get(String path) {
        return send("GET", path, null);
    }

    /** POST {@code body} (a value Jackson writes) to {@code path}. */
    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /** PUT {@code body} (a value Jackson writes) to {@code path}. */
    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    /** DELETE {@code path}. */
    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, Object body) {
        String token = token();
        if (token == null) {
            throw new ApiException("no token: set JITI_TOKEN (an admin creates users with 'jiti user create', which"
                    + " prints theirs)", ExitCodes.BAD_INPUT);
        }
        URI uri;
        try {
            uri = URI.create(url() + path);
        } catch (IllegalArgumentException e) {
            throw new ApiException("JITI_SERVER is not a URL: " + url(), ExitCodes.BAD_INPUT);
        }
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JsonOut.write(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = client().send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isBlank() ? JsonOut.MAPPER.nullNode() : parse(r.body());
            if (r.statusCode() >= 400) {
                throw ApiException.of(r.statusCode(), json.path("detail").asText(r.body()),
                        json.hasNonNull("field") ? json.get("field").asText() : null);
            }
            return json;
        } catch (ConnectException e) {
            throw new ApiException("cannot reach the jiti server at " + url() + ": is 'jiti server' running? (JITI_SERVER"
                    + " names another)", ExitCodes.FAILED);
        } catch (IOException e) {
            throw new ApiException("the jiti server at " + url() + " did not answer: " + e.getMessage(), ExitCodes.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", ExitCodes.FAILED);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JsonOut.MAPPER.readTree(text);
        } catch (IOException e) {
            return JsonOut.MAPPER.getNodeFactory().textNode(text);
        }
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        return http;
    }
}

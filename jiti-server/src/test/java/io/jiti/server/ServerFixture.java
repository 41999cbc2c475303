package io.jiti.server;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.testkit.InMemoryProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A platform server on loopback over an in-memory provider, and an HTTP client for it. */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final InMemoryProvider provider;
    /** The provider the server uses: {@link #provider}, reporting the load figures a test sets. */
    final MeteredProvider metered;
    private final String database;
    final PlatformServer server;
    final String admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerFixture(Path home) {
        this(home, InMemoryProvider.instant());
    }

    ServerFixture(Path home, InMemoryProvider provider) {
        this(home, provider, null);
    }

    /** A server on {@code database} (a PostgreSQL JDBC URL; user and password {@code postgres}), null: embedded. */
    ServerFixture(Path home, InMemoryProvider provider, String database) {
        this.provider = provider;
        this.database = database;
        this.metered = new MeteredProvider(provider);
        server = PlatformServer.start(options(home));
        try {
            admin = Files.readString(server.adminToken().orElseThrow()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PlatformServer.Options options(Path home) {
        return new PlatformServer.Options(home, "127.0.0.1", 0, database,
                database == null ? null : "postgres", database == null ? null : "postgres", id -> metered, provider.types(), 2,
                java.time.Duration.ZERO, io.jiti.sops.Identities.none());
    }

    /** A response: status, content type, body as JSON (null when empty or not JSON). */
    record Response(int status, String type, JsonNode json, String text) {
    }

    Response call(String method, String path, String token, Object body) {
        try {
            String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30))
                    .method(method, text.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            if (!text.isEmpty()) {
                b.header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException e) {
                // not JSON
            }
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), json, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String template(String file) {
        try (InputStream in = ServerFixture.class.getResourceAsStream("/templates/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The deployment {@code id} once ended. */
    JsonNode ended(long id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String s = call("GET", "/api/v1/deployments/" + id, admin, null).json().path("status").asText();
            return s.equals("succeeded") || s.equals("failed") || s.equals("cancelled");
        });
        return call("GET", "/api/v1/deployments/" + id, admin, null).json();
    }

    /**
     * Templates, environments test and prod, team shop with developer dana and viewer vic, shop entitled to
     * web-api@1 in test, service orders; returns the tokens by user.
     */
    Map<String, String> standardSetup() {
        ok(call("POST", "/api/v1/templates", admin, Map.of("bundle", template("shared-env-1.0.yaml"))));
        ok(call("POST", "/api/v1/templates", admin, Map.of("bundle", template("web-api-1.0.yaml"))));
        for (String env : new String[] {"test", "prod"}) {
            long id = ok(call("POST", "/api/v1/environments", admin, Map.of("name", env, "template", "shared-env@1")))
                    .json().get("id").asLong();
            ended(id);
        }
        ok(call("POST", "/api/v1/teams", admin, Map.of("name", "shop")));
        ok(call("POST", "/api/v1/teams", admin, Map.of("name", "other")));
        String dana = ok(call("POST", "/api/v1/users", admin, Map.of("name", "dana", "team", "shop", "role", "developer")))
                .json().get("secret").asText();
        String olga = ok(call("POST", "/api/v1/users", admin, Map.of("name", "olga", "team", "other", "role", "developer")))
                .json().get("secret").asText();
        String vic = ok(call("POST", "/api/v1/users", admin, Map.of("name", "vic", "role", "viewer")))
                .json().get("secret").asText();
        ok(call("POST", "/api/v1/entitlements", admin, Map.of("team", "shop", "template", "web-api@1",
                "environments", java.util.List.of("test"))));
        ok(call("POST", "/api/v1/services", dana, Map.of("name", "orders", "template", "web-api@1", "team", "shop")));
        return Map.of("admin", admin, "dana", dana, "olga", olga, "vic", vic);
    }

    static Response ok(Response r) {
        if (r.status() >= 300) {
            throw new AssertionError("HTTP " + r.status() + ": " + r.text());
        }
        return r;
    }

    @Override
    public void close() {
        server.close();
    }
}

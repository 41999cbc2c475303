package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code jiti secret rotate} end to end: the packaged jar, a real agent, a service of two instances that
 * serves a hash of the secret it got in its environment, and requests all along the restart.
 */
class SecretRotateIT {
    private static final String APP = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.security.MessageDigest;
            import java.util.HexFormat;

            public class Token {
                public static void main(String[] args) throws Exception {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(System.getenv("TOKEN").getBytes());
                    byte[] body = HexFormat.of().formatHex(digest).substring(0, 16).getBytes();
                    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1",
                            Integer.parseInt(System.getenv("PORT"))), 0);
                    s.createContext("/", x -> {
                        x.sendResponseHeaders(200, body.length);
                        x.getResponseBody().write(body);
                        x.close();
                    });
                    s.start();
                }
            }
            """;
    private static final String STACK = """
            stack: rotate-it
            particles:
              - name: token
                type: secret
                spec: {length: 24}
              - name: web
                type: service
                spec:
                  command: java Token.java
                  instances: 2
                  health: /
                  env:
                    TOKEN: ${token.value}
            """;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Path home;
    private Path app;
    private JitiProcess jiti;

    @BeforeEach
    void setUp() throws IOException {
        home = io.jiti.testkit.TestDirs.create("jiti-rotate-it");
        app = io.jiti.testkit.TestDirs.create("jiti-rotate-app");
        Files.writeString(app.resolve("Token.java"), APP);
        Files.writeString(app.resolve("jiti.yaml"), STACK);
        jiti = new JitiProcess(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.downAndStopAgent(app);
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("status " + r.statusCode());
        }
        return r.body();
    }

    @Test
    void rotationRestartsTheServiceThatUsesTheSecretWithoutAFailedRequest() throws Exception {
        JitiProcess.Result up = jiti.run("up", app.toString());
        assertThat(up.code()).as(up.out()).isZero();
        JsonNode status = JsonOut.MAPPER.readTree(jiti.run("status", "--json", app.toString()).out());
        String url = null;
        for (JsonNode p : status.path("particles")) {
            if (p.path("name").asText().equals("web")) {
                url = p.path("outputs").path("url").asText();
            }
        }
        assertThat(url).startsWith("http://127.0.0.1:");
        String before = get(url);
        assertThat(before).hasSize(16);

        // requests all along the rotation
        AtomicBoolean going = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        String target = url;
        Thread load = new Thread(() -> {
            while (going.get()) {
                try {
                    seen.add(get(target));
                    ok.incrementAndGet();
                } catch (IOException e) {
                    failed.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        load.start();
        JitiProcess.Result rotate;
        try {
            rotate = jiti.run("secret", "rotate", "token", app.toString());
        } finally {
            going.set(false);
            load.join();
        }
        assertThat(rotate.code()).as(rotate.out()).isZero();
        assertThat(rotate.out()).contains("Rotated secret token.", "Restarting web, one instance at a time",
                "web: every instance runs with the new value");

        String after = get(url);
        assertThat(after).hasSize(16).isNotEqualTo(before);
        for (int i = 0; i < 10; i++) {
            assertThat(get(url)).as("every instance has the new value").isEqualTo(after);
        }
        assertThat(failed.get()).as("failed requests during the restart (of %d)", ok.get()).isZero();
        assertThat(seen).contains(before, after);

        // the secret's reference did not change: no plan, nothing to apply
        JitiProcess.Result plan = jiti.run("plan", "--exit-code", app.toString());
        assertThat(plan.code()).as(plan.out()).isZero();
    }

    @Test
    void onlyASecretOfTheStackRotates() throws Exception {
        JitiProcess.Result service = jiti.run("secret", "rotate", "web", app.toString());
        assertThat(service.code()).isEqualTo(2);
        assertThat(service.out()).contains("particle 'web' is a service; only secrets can be rotated");
        JitiProcess.Result unknown = jiti.run("secret", "rotate", "nope", app.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.out()).contains("no particle 'nope' in stack rotate-it (secrets: token)");
        JitiProcess.Result notYet = jiti.run("secret", "rotate", "token", app.toString());
        assertThat(notYet.code()).as(notYet.out()).isEqualTo(1);
        assertThat(notYet.out()).contains("secret token does not exist yet; run 'jiti up' first");
    }
}

package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/spring}, a Spring Boot 4 app on PostgreSQL, unchanged: built by jiti with its own Maven
 * wrapper, migrated by the release phase once per release, wired by {@code connect: [db]} alone. A code change
 * is redeployed under a loop of GETs and POSTs with no failed request, and instances run from their releases.
 */
class SpringAppIT {
    private static final Path EXAMPLE = Path.of("../examples/spring").toAbsolutePath().normalize();
    private Path home;
    private Path app;
    private JitiProcess jiti;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void setUp() throws IOException {
        home = io.jiti.testkit.TestDirs.create("jiti-spring-it");
        app = io.jiti.testkit.TestDirs.copyApp(EXAMPLE, "jiti-spring-app");
        // a Spring Boot instance under the request loop below, on two cores, takes up to ~40 s to be ready,
        // and a rolling deploy starts two of them one after the other: more than the default 60 s here
        jiti = new JitiProcess(home).in(app).env("JITI_TIMEOUT", "300");
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.downAndStopAgent(app);
    }

    /** {@code jiti up}, which builds with Maven: up to ten minutes on a cold Maven repository. */
    private JitiProcess.Result up() throws Exception {
        Path log = Files.createTempFile(home, "up", ".log");
        Process p = jiti.start(log, "up");
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
        }
        return new JitiProcess.Result(p.exitValue(), Files.readString(log));
    }

    private int call(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aSpringBootAppRunsUnchangedAndRedeploysWithoutAFailedRequest() throws Exception {
        JitiProcess.Result first = up();
        assertThat(first.code()).as(first.out()).isZero();
        JsonNode status = JsonOut.MAPPER.readTree(jiti.run("status", "--json").out());
        String url = status.path("particles").get(1).path("outputs").path("url").asText();
        assertThat(get(url + "/")).isEqualTo("notes v1");

        AtomicBoolean calling = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Thread client = new Thread(() -> {
            while (calling.get()) {
                HttpRequest req = calls.incrementAndGet() % 2 == 0
                        ? HttpRequest.newBuilder(URI.create(url + "/notes")).timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("note " + calls.get())).build()
                        : HttpRequest.newBuilder(URI.create(url + "/notes")).timeout(Duration.ofSeconds(5)).build();
                int code = call(req);
                if (code < 200 || code > 299) {
                    failures.incrementAndGet();
                }
            }
        });
        client.start();
        Path source = app.resolve("src/main/java/io/jiti/examples/spring/NotesApplication.java");
        Files.writeString(source, Files.readString(source).replace("\"notes v1\"", "\"notes v2\""));
        JitiProcess.Result second = up();
        calling.set(false);
        client.join();
        assertThat(second.code()).as(second.out()).isZero();
        System.out.printf("spring-redeploy: %d requests, %d failed%n", calls.get(), failures.get());
        assertThat(get(url + "/")).isEqualTo("notes v2");
        assertThat(calls.get()).isGreaterThan(20);
        assertThat(failures.get()).as("failed requests of %d during the redeploy", calls.get()).isZero();

        // every instance runs from its release, a copy no later build writes to
        status = JsonOut.MAPPER.readTree(jiti.run("status", "--json").out());
        JsonNode web = status.path("particles").get(1);
        for (JsonNode i : web.path("instances")) {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", i.path("pid").asText(), "cwd"));
            assertThat(cwd.getParent()).isEqualTo(home.resolve("stacks/spring/releases/web").toRealPath());
        }
        // the release phase ran once per release: two releases, one migration applied once
        long released = 0;
        for (JsonNode e : web.path("events")) {
            released += e.asText().matches(".*release phase of \\w+ done") ? 1 : 0;
        }
        assertThat(released).isEqualTo(2);

        JitiProcess.Result env = jiti.run("run", "web", "--", "printenv", "SPRING_DATASOURCE_URL");
        assertThat(env.code()).isZero();
        assertThat(env.out().strip()).startsWith("jdbc:postgresql://127.0.0.1:").contains("sslmode=verify-full");

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql is not installed");
        JitiProcess.Result psql = jiti.run("psql", "db", "-A", "-t", "-c",
                "select count(*) from flyway_schema_history where success");
        assertThat(psql.code()).as(psql.out()).isZero();
        assertThat(psql.out().strip()).isEqualTo("1");
        assertThat(jiti.run("psql", "db", "-A", "-t", "-c", "select count(*) > 10 from notes").out().strip())
                .isEqualTo("t");
        assertThat(new String(Files.readAllBytes(app.resolve("jiti.yaml")), StandardCharsets.UTF_8))
                .doesNotContain("command:").doesNotContain("env:");
        assertThat(List.of(web.path("state").asText())).containsExactly("running");
    }
}

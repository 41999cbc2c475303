package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLI contract end to end: the packaged jar, a real agent, real processes. */
class CliIT {
    private Path home;
    private Path app;
    private JitiProcess jiti;

    @BeforeEach
    void setUp() throws IOException {
        home = io.jiti.testkit.TestDirs.create("jiti-cli-it");
        app = JitiProcess.helloApp();
        jiti = new JitiProcess(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.downAndStopAgent(app);
        assertThat(helloProcesses()).isEmpty();
    }

    private JsonNode status() throws Exception {
        JitiProcess.Result r = jiti.run("status", "--json", app.toString());
        assertThat(r.code()).as(r.out()).isZero();
        return JsonOut.MAPPER.readTree(r.out());
    }

    private static JsonNode particle(JsonNode status, String name) {
        for (JsonNode p : status.path("particles")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no particle " + name + " in " + status);
    }

    /** The app's processes: java ... Hello running in the app's directory. */
    private List<Long> helloProcesses() {
        List<Long> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            String cmd = h.info().commandLine().orElse("");
            try {
                if (cmd.contains("Hello") && Files.readSymbolicLink(Path.of("/proc", String.valueOf(h.pid()), "cwd"))
                        .equals(app.toRealPath())) {
                    out.add(h.pid());
                }
            } catch (IOException e) {
                // the process ended while we looked
            }
        });
        return out;
    }

    private static int get(String url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void quickStartPlanScaleAndDown() throws Exception {
        JitiProcess.Result up = jiti.run("up", app.toString());
        assertThat(up.code()).as(up.out()).isZero();
        Matcher m = Pattern.compile("web\\.url = (http://127\\.0\\.0\\.1:(\\d+))").matcher(up.out());
        assertThat(m.find()).as(up.out()).isTrue();
        String url = m.group(1);
        assertThat(get(url)).isEqualTo(200);

        JsonNode web = particle(status(), "web");
        assertThat(web.path("state").asText()).isEqualTo("running");
        assertThat(web.path("instances")).hasSize(2);
        web.path("instances").forEach(i -> {
            assertThat(i.path("healthy").asBoolean()).isTrue();
            assertThat(i.path("pid").asLong()).isPositive();
        });

        assertThat(jiti.run("plan", "--exit-code", app.toString()).code()).isZero();
        Path file = app.resolve("jiti.yaml");
        Files.writeString(file, Files.readString(file).replace("instances: 2", "instances: 3"));
        JitiProcess.Result plan = jiti.run("plan", "--exit-code", "--json", app.toString());
        assertThat(plan.code()).isEqualTo(3);
        JsonNode json = JsonOut.MAPPER.readTree(plan.out());
        assertThat(json.path("summary").path("update").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("noop").asInt()).isEqualTo(2);

        JitiProcess.Result logs = jiti.run("logs", "web", app.toString());
        assertThat(logs.code()).isZero();
        assertThat(logs.out()).containsPattern("\\[web-[0-9a-f]{4}\\] \\S+Z listening on 127.0.0.1:\\d+");

        JitiProcess.Result down = jiti.run("down", app.toString());
        assertThat(down.code()).as(down.out()).isZero();
        assertThat(helloProcesses()).isEmpty();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(2)))) {
            throw new AssertionError("the service port is still open");
        } catch (IOException expected) {
            // closed, as it should be
        }
    }

    @Test
    void anUpKilledMidApplyConvergesOnTheNextRunWithoutDuplicates() throws Exception {
        Path file = app.resolve("jiti.yaml");
        Files.writeString(file, Files.readString(file).replace("javac -d build Hello.java",
                "sleep 2 && javac -d build Hello.java"));
        Process first = jiti.start(home.resolve("first.log"), "up", app.toString());
        Path journal = home.resolve("agent/records/records.journal"); // the agent's records, one line per change
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(journal)
                && Files.readString(journal).contains(" P hello/build "));
        first.toHandle().destroyForcibly();
        first.waitFor(10, TimeUnit.SECONDS);

        JitiProcess.Result again = jiti.run("up", app.toString());
        assertThat(again.code()).as(again.out()).isZero();
        assertThat(particle(status(), "web").path("instances")).hasSize(2);
        assertThat(helloProcesses()).hasSize(2);
        assertThat(jiti.run("plan", "--exit-code", app.toString()).code()).isZero();
    }

    @Test
    void twoConcurrentUpsBothSucceedAndRunEachInstanceOnce() throws Exception {
        Process a = jiti.start(home.resolve("a.log"), "up", app.toString());
        Process b = jiti.start(home.resolve("b.log"), "up", app.toString());
        assertThat(a.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(b.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(home.resolve("a.log")) + Files.readString(home.resolve("b.log"));
        assertThat(a.exitValue()).as(out).isZero();
        assertThat(b.exitValue()).as(out).isZero();
        // the holder writes its pid just after it takes the lock, so the waiter may not know it yet
        assertThat(out).containsPattern("stack is locked by (jiti pid \\d+|another jiti)");
        assertThat(particle(status(), "web").path("instances")).hasSize(2);
        assertThat(helloProcesses()).hasSize(2);
    }
}

package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code jiti agent status|stop}: the agent is shown and stopped with its watchdog, while the stack's
 * instances and its URL go on serving; the next command's agent adopts the same instances.
 */
class AgentCommandIT {
    private Path home;
    private Path app;
    private JitiProcess jiti;

    @BeforeEach
    void setUp() throws IOException {
        home = io.jiti.testkit.TestDirs.create("jiti-agent-it");
        app = JitiProcess.helloApp();
        jiti = new JitiProcess(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.downAndStopAgent(app);
    }

    private List<Long> instancePids() throws Exception {
        JitiProcess.Result r = jiti.run("status", "--json", app.toString());
        List<Long> pids = new ArrayList<>();
        for (JsonNode p : JsonOut.MAPPER.readTree(r.out()).path("particles")) {
            p.path("instances").forEach(i -> pids.add(i.path("pid").asLong()));
        }
        return pids;
    }

    private static int get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void stopAllStopsEverythingAndTheNextAgentStartsItAgain() throws Exception {
        assertThat(jiti.run("up", app.toString()).code()).isZero();
        List<Long> before = instancePids();
        long balancerHost = JsonOut.MAPPER.readTree(home.resolve("agent/balancer.json").toFile()).path("pid").asLong();
        String url = "http://127.0.0.1:" + JsonOut.MAPPER.readTree(jiti.run("status", "--json", app.toString()).out())
                .path("particles").get(2).path("outputs").path("port").asText();

        JitiProcess.Result stop = jiti.run("agent", "stop", "--all");
        assertThat(stop.code()).as(stop.out()).isZero();
        assertThat(stop.out()).contains("and everything it ran");
        await().atMost(Duration.ofSeconds(20)).until(() -> before.stream().noneMatch(p -> ProcessHandle.of(p)
                .map(ProcessHandle::isAlive).orElse(false)) && !ProcessHandle.of(balancerHost).map(ProcessHandle::isAlive)
                .orElse(false));
        assertThat(get(url)).as("nothing serves").isEqualTo(-1);

        // the stack still says running: the next agent starts it again, on the same URL
        await().atMost(Duration.ofSeconds(60)).until(() -> instancePids().size() == 2 && get(url) == 200);
        assertThat(instancePids()).doesNotContainAnyElementsOf(before);
        assertThat(jiti.run("plan", "--exit-code", app.toString()).code()).isZero();
    }

    @Test
    void anAgentThatHoldsNothingStopsAfterItsIdleTime() throws Exception {
        java.nio.file.Files.writeString(app.resolve("jiti.yaml"), "stack: idle-it\nparticles:\n"
                + "  - {name: f, type: file, spec: {content: x}}\n");
        JitiProcess idle = new JitiProcess(home).env("JITI_AGENT_IDLE_EXIT", "2");
        assertThat(idle.run("up", app.toString()).code()).isZero();
        JsonNode agent = JsonOut.MAPPER.readTree(idle.run("agent", "status", "--json").out());
        long pid = agent.path("pid").asLong();
        long watchdog = agent.path("watchdog").asLong();
        // it holds a particle: it stays, however idle
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(idle.run("down", app.toString()).code()).isZero();
        await().atMost(Duration.ofSeconds(15)).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && !ProcessHandle.of(watchdog).map(ProcessHandle::isAlive).orElse(false));
        assertThat(idle.run("agent", "status").out()).startsWith("no agent runs");
        java.nio.file.Files.writeString(app.resolve("jiti.yaml"), java.nio.file.Files.readString(
                java.nio.file.Path.of("../examples/hello/jiti.yaml")));
    }

    @Test
    void theAgentStopsWhileWhatItRunsGoesOnServing() throws Exception {
        assertThat(jiti.run("up", app.toString()).code()).isZero();
        List<Long> before = instancePids();
        assertThat(before).hasSize(2);
        JsonNode agent = JsonOut.MAPPER.readTree(jiti.run("agent", "status", "--json").out());
        assertThat(agent.path("running").asBoolean()).isTrue();
        long pid = agent.path("pid").asLong();
        long watchdog = agent.path("watchdog").asLong();
        assertThat(jiti.run("agent", "status").out()).contains("running, pid " + pid).contains("watchdog: pid " + watchdog);
        String url = "http://127.0.0.1:" + JsonOut.MAPPER.readTree(jiti.run("status", "--json", app.toString()).out())
                .path("particles").get(2).path("outputs").path("port").asText();

        JitiProcess.Result stop = jiti.run("agent", "stop");
        assertThat(stop.code()).isZero();
        assertThat(stop.out()).contains("stopped the agent (pid " + pid + ")");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessHandle.of(watchdog).map(ProcessHandle::isAlive)
                .orElse(false));
        assertThat(before).allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
        assertThat(get(url)).as("the URL serves without an agent").isEqualTo(200);
        assertThat(jiti.run("agent", "status").out()).startsWith("no agent runs");
        assertThat(JsonOut.MAPPER.readTree(jiti.run("agent", "status", "--json").out()).path("running").asBoolean()).isFalse();
        assertThat(jiti.run("agent", "stop").out()).startsWith("no agent was running");

        assertThat(instancePids()).as("a new agent adopted the same instances").containsExactlyInAnyOrderElementsOf(before);
    }
}

package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.testkit.LoadClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data path survives the control plane: {@code kill -9} of the agent while a client loops on a
 * service's URL fails no request, and a new agent serves by itself (its watchdog) within two seconds, with
 * the same instances.
 */
class AgentRestartIT {
    private Path home;
    private Path app;
    private JitiProcess jiti;

    @BeforeEach
    void setUp() throws Exception {
        home = io.jiti.testkit.TestDirs.create("jiti-restart-it");
        app = JitiProcess.helloApp();
        jiti = new JitiProcess(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.downAndStopAgent(app);
    }

    private JsonNode agent() throws Exception {
        return JsonOut.MAPPER.readTree(home.resolve("agent/agent.json").toFile());
    }

    private List<Long> instancePids() throws Exception {
        JitiProcess.Result r = jiti.run("status", "--json", app.toString());
        List<Long> out = new ArrayList<>();
        for (JsonNode p : JsonOut.MAPPER.readTree(r.out()).path("particles")) {
            p.path("instances").forEach(i -> out.add(i.path("pid").asLong()));
        }
        return out.stream().sorted().toList();
    }

    @Test
    void killingTheAgentUnderLoadFailsNoRequestAndANewOneServesWithinTwoSeconds() throws Exception {
        JitiProcess.Result up = jiti.run("up", app.toString());
        assertThat(up.code()).as(up.out()).isZero();
        Matcher m = Pattern.compile("web\\.url = (http://\\S+)").matcher(up.out());
        assertThat(m.find()).isTrue();
        List<Long> pids = instancePids();
        // an agent that has run for a while has its class-data archive; restarts start from it
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Stream<Path> lib = Files.list(home.resolve("agent/lib"))) {
                return lib.anyMatch(p -> p.toString().endsWith(".jsa"));
            }
        });
        try (LoadClient load = new LoadClient(m.group(1), 2)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> load.ok() > 20);
            for (int round = 0; round < 3; round++) {
                long before = agent().path("pid").asLong();
                long killedAt = System.nanoTime();
                ProcessHandle.of(before).orElseThrow().destroyForcibly();
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    try {
                        return agent().path("pid").asLong() != before && Files.exists(home.resolve("agent/agent.sock"));
                    } catch (java.io.IOException e) {
                        return false; // being rewritten
                    }
                });
                long millis = (System.nanoTime() - killedAt) / 1_000_000;
                System.out.println("agent-back-ms: " + millis);
                assertThat(millis).as("a new agent serving, started by its watchdog").isLessThan(2000);
                assertThat(instancePids()).isEqualTo(pids);
                await().atMost(Duration.ofSeconds(10)).until(() -> load.ok() > 0);
            }
            long ok = load.ok();
            await().atMost(Duration.ofSeconds(5)).until(() -> load.ok() > ok + 20);
            load.close();
            assertThat(load.failed()).as("%s", load.failures()).isZero();
        }
    }
}

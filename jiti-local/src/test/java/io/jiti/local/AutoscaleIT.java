package io.jiti.local;

import io.jiti.testkit.LoadClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyReport;
import io.jiti.load.StackLoader;
import io.jiti.spi.Instance;
import io.jiti.spi.Observed;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Autoscaling on in-flight requests, against real processes. */
class AutoscaleIT {

    private static Observed web(AgentFixture f) {
        return f.reconciler().observe("scale-it").get("web");
    }

    private static long healthy(AgentFixture f) {
        return web(f).instances().stream().filter(Instance::healthy).count();
    }

    @Test
    void scalesOutUnderLoadAndBackInAfterTheWindow() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            f.hello("scale-it", 1);
            String text = Files.readString(AgentFixture.HELLO.resolve("jiti.yaml"))
                    .replace("stack: hello", "stack: scale-it")
                    .replace("      instances: 2\n", "      autoscale: {min: 1, max: 4, target: {inflight: 2}, stabilization: 3}\n");
            Stack stack = StackLoader.builtIn().parse(text, "jiti.yaml", AgentFixture.HELLO);
            ApplyReport up = f.reconciler().apply(stack);
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            assertThat(web(f).instances()).hasSize(1);
            String url = up.output("web", "url") + "/slow?ms=300";

            long start;
            try (LoadClient load = new LoadClient(url, 8)) {
                start = System.nanoTime();
                // one decision a second, out at once: 4 healthy instances in a few seconds; the bound leaves room
                // for a loaded machine (the figure is printed, bench/chaos measures it)
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> healthy(f) == 4);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                System.out.println("autoscale-scale-out: " + took.toMillis() + " ms");
                load.close();
                assertThat(load.failed()).as("%s", load.failures()).isZero();
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> web(f).instances().size() == 1);
            List<String> events = web(f).events();
            // at once or in steps (1 -> 3 -> 4 when the first sample sees less load), as the HPA rule says
            assertThat(events).anyMatch(e -> e.matches(".* autoscale: [1-3] -> 4 instances .*"));
            assertThat(events).anyMatch(e -> e.matches(".* autoscale: \\d -> 1 instances .*"));
            assertThat(web(f).metrics()).containsKeys("requestsPerSecond", "latencyP99Ms", "inFlight");
            assertThat(f.reconciler().plan(stack).hasChanges()).isFalse();

            AgentInfo agent = f.provider.agent().running().orElseThrow();
            String token = Files.readString(f.home.resolve("agent/token")).trim();
            java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + agent.port() + "/metrics"))
                            .header("Authorization", "Bearer " + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE jiti_request_duration_seconds histogram")
                    .containsPattern("jiti_requests_total\\{stack=\"scale-it\",service=\"web\"} [1-9]\\d*")
                    .contains("jiti_request_duration_seconds_bucket{stack=\"scale-it\",service=\"web\",le=\"+Inf\"}");
        }
    }
}

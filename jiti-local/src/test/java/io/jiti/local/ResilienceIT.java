package io.jiti.local;

import io.jiti.testkit.LoadClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.ParticleResult;
import io.jiti.load.StackLoader;
import io.jiti.spi.Instance;
import io.jiti.spi.Observed;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The service runtime under failures, against real processes and the real load balancer. */
class ResilienceIT {

    private static List<Instance> instances(AgentFixture f, String stack) {
        Observed web = f.reconciler().observe(stack).get("web");
        return web == null ? List.of() : web.instances();
    }

    private static String up(AgentFixture f, Stack stack) {
        ApplyReport up = f.reconciler().apply(stack);
        assertThat(up.ok()).as("%s", up.problems()).isTrue();
        return (String) up.output("web", "url");
    }

    @Test
    void scalingInDrainsTheRequestsInFlightBeforeStopping() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            String url = up(f, f.hello("drain-it", 2));
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> slow =
                    java.util.stream.IntStream.range(0, 2).mapToObj(i -> http.sendAsync(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/slow?ms=2000"))
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("order")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())).toList();
            await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) f.reconciler().observe("drain-it").get("web")
                    .metrics().getOrDefault("inFlight", 0)).intValue() >= 2);
            // one of the two instances leaves while it still serves a request (a POST: never retried once sent),
            // and that request must end well
            assertThat(f.reconciler().apply(f.hello("drain-it", 1)).ok()).isTrue();
            for (var r : slow) {
                assertThat(r.get(20, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void killingInstancesUnderLoadFailsNoRequest() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            String url = up(f, f.hello("chaos-it", 3));
            try (LoadClient load = new LoadClient(url, 2)) {
                for (int round = 0; round < 6; round++) {
                    List<Instance> now = instances(f, "chaos-it");
                    Instance victim = now.get(round % now.size());
                    ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                        List<Instance> after = instances(f, "chaos-it");
                        return after.size() == 3 && after.stream().allMatch(Instance::healthy)
                                && after.stream().noneMatch(i -> i.pid() == victim.pid());
                    });
                }
                load.close();
                assertThat(load.ok()).isGreaterThan(100);
                assertThat(load.failed()).as("%s", load.failures()).isZero();
            }
        }
    }

    @Test
    void aHungInstanceLeavesTheRotationAndIsReplaced() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            String url = up(f, f.hello("hang-it", 2));
            try (LoadClient load = new LoadClient(url, 2)) {
                Instance victim = instances(f, "hang-it").get(0);
                new ProcessBuilder("kill", "-STOP", String.valueOf(victim.pid())).start().waitFor();
                long stopped = System.nanoTime();
                // three failed checks a second apart, each timing out after 800 ms: out in about 3 to 4 s; the
                // bound leaves room for a loaded machine
                await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(50)).until(() ->
                        instances(f, "hang-it").stream().noneMatch(i -> i.pid() == victim.pid() && i.healthy()));
                System.out.println("hung-instance-out-of-rotation: "
                        + Duration.ofNanos(System.nanoTime() - stopped).toMillis() + " ms");
                await().atMost(Duration.ofSeconds(15)).until(() -> {
                    List<Instance> now = instances(f, "hang-it");
                    return now.size() == 2 && now.stream().allMatch(Instance::healthy)
                            && now.stream().noneMatch(i -> i.pid() == victim.pid());
                });
                await().atMost(Duration.ofSeconds(15)).until(() -> ProcessHandle.of(victim.pid()).isEmpty()
                        || !ProcessHandle.of(victim.pid()).get().isAlive());
                load.close();
                assertThat(load.failed()).as("%s", load.failures()).isZero();
            }
        }
    }

    @Test
    void rollingDeploysFailNoRequestAndABadOneRollsBackByItself() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            String url = up(f, f.hello("deploy-it", 3));
            Set<Long> v1 = pids(f, "deploy-it");
            try (LoadClient load = new LoadClient(url, 2)) {
                Stack v2 = withEnv("deploy-it", "VERSION: \"2\"", "");
                assertThat(up(f, v2)).isEqualTo(url);
                Set<Long> afterV2 = pids(f, "deploy-it");
                assertThat(afterV2).hasSize(3).doesNotContainAnyElementsOf(v1);

                ApplyReport bad = f.reconciler().apply(brokenCommand());
                assertThat(bad.ok()).isFalse();
                assertThat(bad.problems()).singleElement().satisfies(r ->
                        assertThat(((ParticleResult.Failed) r).message())
                                .contains("rolled back").contains("not ready within 3s"));
                await().atMost(Duration.ofSeconds(20)).until(() -> pids(f, "deploy-it").equals(afterV2));
                load.close();
                assertThat(load.ok()).isGreaterThan(100);
                assertThat(load.failed()).as("%s", load.failures()).isZero();
            }
            // back on version 2; applying version 2 again clears the failed deploy without touching the instances
            Stack v2 = withEnv("deploy-it", "VERSION: \"2\"", "");
            assertThat(f.reconciler().plan(v2).changes()).filteredOn(c -> c.action().changes()).singleElement()
                    .satisfies(c -> assertThat(c.reason()).contains("rolled back"));
            Set<Long> before = pids(f, "deploy-it");
            assertThat(f.reconciler().apply(v2).ok()).isTrue();
            assertThat(pids(f, "deploy-it")).isEqualTo(before);
            assertThat(f.reconciler().plan(v2).hasChanges()).isFalse();
        }
    }

    private static Set<Long> pids(AgentFixture f, String stack) {
        return instances(f, stack).stream().map(Instance::pid).collect(Collectors.toSet());
    }

    /** The hello stack with one more env line in the web service (and optional extra spec lines). */
    private static Stack withEnv(String name, String envLine, String specLines) throws Exception {
        String text = Files.readString(AgentFixture.HELLO.resolve("jiti.yaml"))
                .replace("stack: hello", "stack: " + name)
                .replace("instances: 2", "instances: 3")
                .replace("      env:\n", specLines + "      env:\n        " + envLine + "\n");
        return StackLoader.builtIn().parse(text, "jiti.yaml", AgentFixture.HELLO);
    }

    /** Version 3 whose instances never listen. */
    private static Stack brokenCommand() throws Exception {
        String text = Files.readString(AgentFixture.HELLO.resolve("jiti.yaml"))
                .replace("stack: hello", "stack: deploy-it")
                .replace("instances: 2", "instances: 3")
                .replace("command: java -cp build Hello", "command: sleep 600")
                .replace("      env:\n", "      readyTimeout: 3\n      env:\n        VERSION: \"3\"\n");
        return StackLoader.builtIn().parse(text, "jiti.yaml", AgentFixture.HELLO);
    }
}

package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyReport;
import io.jiti.plan.Action;
import io.jiti.plan.Plan;
import io.jiti.spi.Instance;
import io.jiti.spi.Observed;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hello example on a real agent: processes, load balancer, health checks, self-healing. */
class LocalServiceIT {

    private static List<Instance> instances(AgentFixture f, String stack) {
        Observed web = f.reconciler().observe(stack).get("web");
        return web == null ? List.of() : web.instances();
    }

    @Test
    void runsHealsScalesAndRemovesTheHelloStack() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            Stack stack = f.hello("hello-it", 2);
            ApplyReport up = f.reconciler().apply(stack);
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            String url = (String) up.output("web", "url");
            assertThat(url).startsWith("http://127.0.0.1:");
            assertThat(f.get(url)).isEqualTo(200);
            assertThat(instances(f, "hello-it")).hasSize(2).allMatch(Instance::healthy).allMatch(i -> i.pid() > 0);

            // kill -9 one instance while a client keeps calling the URL
            AtomicBoolean calling = new AtomicBoolean(true);
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger calls = new AtomicInteger();
            Thread client = new Thread(() -> {
                while (calling.get()) {
                    calls.incrementAndGet();
                    if (f.get(url) != 200) {
                        failures.incrementAndGet();
                    }
                }
            });
            client.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3); // the client is calling
            Instance victim = instances(f, "hello-it").get(0);
            int beforeKill = calls.get();
            ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                List<Instance> now = instances(f, "hello-it");
                return now.size() == 2 && now.stream().allMatch(Instance::healthy)
                        && now.stream().noneMatch(i -> i.pid() == victim.pid());
            });
            int healed = calls.get();
            calling.set(false);
            client.join();
            // (a count fixed in advance fails on a loaded machine, where fewer calls fit into a fast heal)
            assertThat(healed).as("calls made while the instance was replaced").isGreaterThan(beforeKill);
            assertThat(failures.get()).isZero();

            // logs: the running instances' by default, the replaced one's too with ALL
            io.jiti.spi.LogSource web = (io.jiti.spi.LogSource) f.provider.types().get("service");
            List<String> current = new java.util.ArrayList<>();
            web.logs("hello-it", "web", false, io.jiti.spi.LogSource.Lines.CURRENT, current::add);
            List<String> all = new java.util.ArrayList<>();
            web.logs("hello-it", "web", false, io.jiti.spi.LogSource.Lines.ALL, all::add);
            assertThat(all).anyMatch(l -> l.startsWith("[" + victim.id() + "] ") && l.contains("listening on"));
            assertThat(current).noneMatch(l -> l.startsWith("[" + victim.id() + "] "))
                    .anyMatch(l -> l.contains("listening on"));
            for (Instance i : instances(f, "hello-it")) {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    List<String> now = new java.util.ArrayList<>();
                    web.logs("hello-it", "web", false, io.jiti.spi.LogSource.Lines.CURRENT, now::add);
                    assertThat(now).anyMatch(l -> l.startsWith("[" + i.id() + "] ") && l.contains("listening on"));
                });
            }

            assertThat(f.reconciler().plan(stack).hasChanges()).isFalse();
            Stack three = f.hello("hello-it", 3);
            Plan plan = f.reconciler().plan(three);
            assertThat(plan.changes()).filteredOn(c -> c.action().changes()).singleElement().satisfies(c -> {
                assertThat(c.particle()).isEqualTo("web");
                assertThat(c.action()).isEqualTo(Action.UPDATE);
            });
            assertThat(f.reconciler().apply(three).ok()).isTrue();
            assertThat(instances(f, "hello-it")).hasSize(3).allMatch(Instance::healthy);

            List<Long> pids = instances(f, "hello-it").stream().map(Instance::pid).toList();
            assertThat(f.reconciler().destroy("hello-it").ok()).isTrue();
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true)));
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            assertThat(portOpen(port)).isFalse();
        }
    }

    @Test
    void aRestartedAgentReadoptsInstancesWithoutDuplicates() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            Stack stack = f.hello("adopt-it", 2);
            ApplyReport up = f.reconciler().apply(stack);
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            String url = (String) up.output("web", "url");
            List<Long> before = instances(f, "adopt-it").stream().map(Instance::pid).sorted().toList();
            long agentPid = f.provider.agent().running().orElseThrow().pid();

            ProcessHandle.of(agentPid).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessHandle.of(agentPid).map(ProcessHandle::isAlive).orElse(false));
            assertThat(before).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).orElseThrow().isAlive()).isTrue());

            // the next call starts a new agent, which adopts the same processes and reopens the URL
            await().atMost(Duration.ofSeconds(20)).until(() -> instances(f, "adopt-it").stream().allMatch(Instance::healthy)
                    && instances(f, "adopt-it").size() == 2);
            assertThat(f.provider.agent().running().orElseThrow().pid()).isNotEqualTo(agentPid);
            assertThat(instances(f, "adopt-it").stream().map(Instance::pid).sorted().toList()).isEqualTo(before);
            await().atMost(Duration.ofSeconds(5)).until(() -> f.get(url) == 200);
            assertThat(f.reconciler().plan(stack).hasChanges()).isFalse();
        }
    }

    @Test
    void aRestartedAgentFinishesStoppingTheInstanceItWasDraining() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            ApplyReport up = f.reconciler().apply(f.hello("drain-it", 2));
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            String url = (String) up.output("web", "url");
            List<Long> before = instances(f, "drain-it").stream().map(Instance::pid).toList();
            // one long request per instance (least outstanding spreads them), so the one retired keeps draining
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<Void>>> slow = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                slow.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/slow?ms=60000")).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) f.reconciler().observe("drain-it").get("web")
                        .metrics().getOrDefault("inFlight", 0)).intValue() >= 2);
                assertThat(f.reconciler().apply(f.hello("drain-it", 1)).ok()).isTrue();
                List<Long> after = instances(f, "drain-it").stream().map(Instance::pid).toList();
                long draining = before.stream().filter(p -> !after.contains(p)).findFirst().orElseThrow();
                assertThat(ProcessHandle.of(draining).map(ProcessHandle::isAlive)).contains(true);

                long agentPid = f.provider.agent().running().orElseThrow().pid();
                ProcessHandle.of(agentPid).orElseThrow().destroyForcibly();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !ProcessHandle.of(agentPid).map(ProcessHandle::isAlive).orElse(false));
                assertThat(ProcessHandle.of(draining).map(ProcessHandle::isAlive)).contains(true);

                // the next agent finds it in the record as stopping and stops it (TERM; KILL after the grace)
                assertThat(instances(f, "drain-it")).hasSize(1);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> !ProcessHandle.of(draining).map(ProcessHandle::isAlive).orElse(false));
                assertThat(instances(f, "drain-it").stream().map(Instance::pid).toList()).isEqualTo(after);
            } finally {
                slow.forEach(c -> c.cancel(true));
            }
        }
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

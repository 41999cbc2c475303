package io.jiti.bench;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import io.jiti.local.AgentClient;
import io.jiti.local.Home;
import io.jiti.local.LocalProvider;
import io.jiti.spi.Instance;
import io.jiti.spi.Observed;
import io.jiti.testkit.LoadClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The runtime's failure scenarios on the hello example, each printed as {@code name: value unit}:
 * the app's own start time (baseline), chaos kills under load, a rolling deploy, a deploy that rolls
 * back, and a load step for the autoscaler. Arguments: {@code HELLO_DIR [chaosSeconds=60]}.
 */
public final class ChaosBench {
    private final Path hello;
    private final Reconciler reconciler;

    private ChaosBench(Path hello, LocalProvider provider) {
        this.hello = hello;
        this.reconciler = new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults());
    }

    public static void main(String[] args) throws Exception {
        Path hello = Path.of(args[0]).toAbsolutePath().normalize();
        int chaosSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path home = Files.createTempDirectory("jiti-chaos");
        LocalProvider provider = new LocalProvider(home, Duration.ofMinutes(2));
        ChaosBench b = new ChaosBench(hello, provider);
        try {
            b.appStart();
            b.chaos(chaosSeconds);
            b.deploys();
            b.autoscale();
        } finally {
            for (String s : List.of("chaos", "deploy", "scale")) {
                new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults().withForce(true)).destroy(s);
            }
            new AgentClient(new Home(home)).shutdown();
        }
    }

    private Stack stack(String name, String... replacements) throws IOException {
        String text = Files.readString(hello.resolve("jiti.yaml")).replace("stack: hello", "stack: " + name);
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        return StackLoader.builtIn().parse(text, "jiti.yaml", hello);
    }

    private Observed web(String stack) {
        return reconciler.observe(stack).get("web");
    }

    /** Baseline: how long the app takes from exec to its first 200 on /health, started by hand, idle (5 runs). */
    private void appStart() throws Exception {
        reconciler.apply(stack("chaos", "instances: 2", "instances: 3"));
        long[] ms = new long[5];
        for (int r = 0; r < ms.length; r++) {
            ms[r] = startByHand();
        }
        appStartMillis = median(ms);
        System.out.println("app-start-idle-median: " + appStartMillis + " ms");
    }

    private long appStartMillis;

    /** Starts the app outside jiti and times exec to its first 200 on /health, polled every 10 ms. */
    private long startByHand() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("java", "-cp", "build", "Hello").directory(hello.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PORT", String.valueOf(port));
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            waitUntil(Duration.ofSeconds(30), 10, () -> answers(port));
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /**
     * kill -9 of one of 3 instances every 4 s under steady load. Recovery is the time from the kill to the
     * agent's event that the replacement is in rotation. Rounds of 2 s alternate between a kill and a start
     * of the app by hand, so its start time under the same load is the baseline, always measured in the
     * same run.
     */
    private void chaos(int seconds) throws Exception {
        String url = (String) reconciler.apply(stack("chaos", "instances: 2", "instances: 3")).output("web", "url");
        List<Long> recovery = new ArrayList<>();
        List<Long> underLoad = new ArrayList<>();
        try (LoadClient load = new LoadClient(url, 2)) {
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            int round = 0;
            int kills = 0;
            // rounds alternate: a kill (recovery measured), then the app started by hand (the baseline, under
            // the same load), so that both are always measured, whatever a recovery takes
            while (System.nanoTime() < end || underLoad.isEmpty()) {
                long roundStart = System.nanoTime();
                if (round++ % 2 == 1) {
                    underLoad.add(startByHand());
                } else {
                    List<Instance> now = web("chaos").instances();
                    Instance victim = now.get(kills++ % now.size());
                    Instant killedWall = Instant.now();
                    ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    waitUntil(Duration.ofSeconds(30), 50, () -> {
                        List<Instance> after = web("chaos").instances();
                        return after.size() == 3 && after.stream().allMatch(Instance::healthy)
                                && after.stream().noneMatch(i -> i.pid() == victim.pid());
                    });
                    web("chaos").events().stream()
                            .filter(e -> e.contains(" in rotation ") && Instant.parse(e.substring(0, e.indexOf(' ')))
                                    .isAfter(killedWall))
                            .findFirst()
                            .ifPresent(e -> recovery.add(Duration.between(killedWall,
                                    Instant.parse(e.substring(0, e.indexOf(' ')))).toMillis()));
                }
                long left = (roundStart + Duration.ofSeconds(2).toNanos() - System.nanoTime()) / 1_000_000;
                if (left > 0) {
                    Thread.sleep(left);
                }
            }
            load.close();
            long[] r = recovery.stream().mapToLong(Long::longValue).toArray();
            long baseline = median(underLoad.stream().mapToLong(Long::longValue).toArray());
            System.out.println("chaos-kills: " + kills + " kills");
            System.out.println("chaos-requests: " + load.ok() + " requests");
            System.out.println("chaos-failed-requests: " + load.failed() + " requests");
            load.failures().forEach(why -> System.err.println("chaos failure: " + why));
            System.out.println("chaos-recovery-median: " + median(r) + " ms (kill to replacement in rotation, "
                    + r.length + " kills, from the agent's events)");
            System.out.println("chaos-recovery-max: " + Arrays.stream(r).max().orElse(0) + " ms");
            System.out.println("app-start-under-load-median: " + baseline + " ms (" + underLoad.size()
                    + " starts by hand during the same run)");
            System.out.println("chaos-recovery-minus-app-start-median: " + (median(r) - baseline) + " ms");
            long[] launchToRotation = web("chaos").events().stream()
                    .filter(e -> e.contains(" in rotation ") && e.endsWith(" ms after launch"))
                    .mapToLong(e -> Long.parseLong(e.replaceAll(".* in rotation (\\d+) ms after launch", "$1")))
                    .toArray();
            System.out.println("chaos-launch-to-rotation-median: " + median(launchToRotation) + " ms (last "
                    + launchToRotation.length + " instances, from the agent's events)");
        }
    }

    /** A rolling deploy of 3 instances under load, then one that never becomes ready and rolls back. */
    private void deploys() throws Exception {
        String url = (String) reconciler.apply(stack("deploy", "instances: 2", "instances: 3")).output("web", "url");
        try (LoadClient load = new LoadClient(url, 2)) {
            long start = System.nanoTime();
            ApplyReport v2 = reconciler.apply(stack("deploy", "instances: 2", "instances: 3",
                    "      env:\n", "      env:\n        VERSION: \"2\"\n"));
            System.out.println("deploy-ok: " + (v2.ok() ? 1 : 0) + " bool");
            System.out.println("deploy-duration: " + (System.nanoTime() - start) / 1_000_000 + " ms");
            start = System.nanoTime();
            ApplyReport bad = reconciler.apply(stack("deploy", "instances: 2", "instances: 3",
                    "command: java -cp build Hello", "command: sleep 600",
                    "      env:\n", "      readyTimeout: 5\n      env:\n        VERSION: \"3\"\n"));
            System.out.println("rollback-up-failed: " + (bad.ok() ? 0 : 1) + " bool");
            System.out.println("rollback-duration: " + (System.nanoTime() - start) / 1_000_000 + " ms");
            load.close();
            System.out.println("deploy-requests: " + load.ok() + " requests");
            System.out.println("deploy-failed-requests: " + load.failed() + " requests");
            load.failures().forEach(why -> System.err.println("deploy failure: " + why));
        }
    }

    /** A step from 0 to 8 concurrent slow requests with target in-flight 2, then back to none. */
    private void autoscale() throws Exception {
        Stack s = stack("scale", "      instances: 2\n",
                "      autoscale: {min: 1, max: 4, target: {inflight: 2}, stabilization: 10}\n");
        String url = reconciler.apply(s).output("web", "url") + "/slow?ms=300";
        long start;
        try (LoadClient load = new LoadClient(url, 8)) {
            start = System.nanoTime();
            waitUntil(Duration.ofSeconds(60), () -> web("scale").instances().stream().filter(Instance::healthy).count() == 4);
            System.out.println("autoscale-out-to-4: " + (System.nanoTime() - start) / 1_000_000 + " ms");
            System.out.println("autoscale-out-minus-app-start: " + ((System.nanoTime() - start) / 1_000_000 - appStartMillis)
                    + " ms");
            load.close();
            System.out.println("autoscale-failed-requests: " + load.failed() + " requests");
            load.failures().forEach(why -> System.err.println("autoscale failure: " + why));
            if (load.failed() > 0) {
                web("scale").events().forEach(e -> System.err.println("autoscale event: " + e));
            }
        }
        start = System.nanoTime();
        waitUntil(Duration.ofSeconds(120), () -> web("scale").instances().size() == 1);
        System.out.println("autoscale-back-to-min: " + (System.nanoTime() - start) / 1_000_000 + " ms (window 10000 ms)");
        System.out.println("autoscale-events: " + web("scale").events().stream().filter(e -> e.contains("autoscale")).count()
                + " events");
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(500)).build();

    /** Whether the app's health path answers 200, as the agent's readiness check asks. */
    private static boolean answers(int port) {
        try {
            return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                    + "/health")).timeout(Duration.ofSeconds(1)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void waitUntil(Duration max, BooleanSupplier done) throws InterruptedException {
        waitUntil(max, 20, done);
    }

    private static void waitUntil(Duration max, long pollMillis, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + max);
            }
            Thread.sleep(pollMillis);
        }
    }

    private static long median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}

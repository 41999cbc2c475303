package io.jiti.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.gitops.Webhooks;
import io.jiti.platform.deploy.ProviderSource;
import io.jiti.server.PlatformServer;
import io.jiti.sops.Identities;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Providers;
import io.jiti.testkit.DeliveryApp;
import io.jiti.testkit.GitHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Push to serving: a platform server in this JVM on the local provider (real app processes), a git server over
 * HTTP on loopback (JGit's GitServlet), a service whose source is that repository. Each round commits a new
 * version with the git CLI, pushes it, sends the webhook as GitHub would (signed), and times until the new
 * version answers through the service's URL; the parts come from the release's deployment log (fetch and
 * checkout of the commit, then the deploy until the instance is replaced) and from this client (push, webhook).
 *
 * <p>Arguments: {@code [rounds=5]}.
 */
public final class PushBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private String token;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("jiti-push-bench");
        try {
            new PushBench().run(dir, rounds);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(Path dir, int rounds) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("JITI_HOME", home.toString());
        ProviderContext context = ProviderContext.of(env);
        Map<String, io.jiti.spi.ParticleType> types;
        try (Provider local = Providers.create("local", context)) {
            types = local.types();
        }
        try (GitHttpServer git = GitHttpServer.start(Files.createDirectories(dir.resolve("git")));
             PlatformServer server = PlatformServer.start(new PlatformServer.Options(home, "127.0.0.1", 0, null, null,
                     null, ProviderSource.of(context), types, 2, Duration.ZERO, Identities.none()))) {
            base = server.url();
            token = Files.readString(server.adminToken().orElseThrow()).trim();
            String remote = git.create("app.git");
            Path work = Files.createDirectories(dir.resolve("work"));
            write(work, "1");
            sh(work, "git", "init", "-q", "-b", "main");
            sh(work, "git", "-c", "user.email=b@example.test", "-c", "user.name=Bench", "commit", "-q", "--allow-empty",
                    "-m", "start");
            sh(work, "git", "add", "-A");
            sh(work, "git", "-c", "user.email=b@example.test", "-c", "user.name=Bench", "commit", "-q", "-m", "v1");
            sh(work, "git", "remote", "add", "origin", remote);
            sh(work, "git", "push", "-q", "origin", "HEAD:main");
            setUp(work, remote);
            String secret = call("PUT", "/api/v1/services/app/source", Map.of("url", remote, "branches",
                    Map.of("main", "test"), "pollSeconds", 0, "settleSeconds", 0)).get("webhookSecret").asText();
            String url = deployAndWait(work, secret, "1", new long[5]);
            List<Double> total = new ArrayList<>();
            List<Double> pushMs = new ArrayList<>();
            List<Double> hookMs = new ArrayList<>();
            List<Double> fetchMs = new ArrayList<>();
            List<Double> deployMs = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long[] t = new long[5];
                String version = Integer.toString(i + 2);
                write(work, version);
                sh(work, "git", "add", "-A");
                sh(work, "git", "-c", "user.email=b@example.test", "-c", "user.name=Bench", "commit", "-q", "-m", "v" + version);
                deployAndWait(work, secret, version, t);
                total.add(ms(t[0], t[4]));
                pushMs.add(ms(t[0], t[1]));
                hookMs.add(ms(t[1], t[2]));
                fetchMs.add((double) t[3]);
                deployMs.add(ms(t[0], t[4]) - ms(t[0], t[2]) - t[3]);
                System.err.printf("round %d: %.0f ms%n", i + 1, total.get(i));
            }
            System.out.printf("push-to-serving-median: %.0f ms%n", median(total));
            System.out.printf("push-to-serving-max: %.0f ms%n", Collections.max(total));
            System.out.printf("git-push-median: %.0f ms%n", median(pushMs));
            System.out.printf("webhook-answer-median: %.0f ms%n", median(hookMs));
            System.out.printf("fetch-checkout-median: %.0f ms%n", median(fetchMs));
            System.out.printf("deploy-to-serving-median: %.0f ms%n", median(deployMs));
            System.out.printf("rounds: %d%n", rounds);
            System.err.println("service URL " + url);
            call("DELETE", "/api/v1/services/app/instances/test", null);
            await(() -> call("GET", "/api/v1/instances", null).toString().contains("\"app\"") ? null : "gone", 60);
            call("DELETE", "/api/v1/environments/test?force=true", null);
            await(() -> call("GET", "/api/v1/environments", null).get("items").isEmpty() ? "gone" : null, 60);
        }
        stopAgent(home);
    }

    /** Pushes, sends the webhook, waits for {@code version} to serve; fills t[0..4]: start, pushed, hook answered, fetch ms, serving. */
    private String deployAndWait(Path work, String secret, String version, long[] t) throws Exception {
        t[0] = System.nanoTime();
        sh(work, "git", "push", "-q", "origin", "HEAD:main");
        t[1] = System.nanoTime();
        String commit = sh(work, "git", "rev-parse", "HEAD").strip();
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + commit + "\",\"pusher\":{\"name\":\"bench\"}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> hook = http.send(HttpRequest.newBuilder(URI.create(base + "/hooks/github/app"))
                .header("X-GitHub-Event", "push").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", Webhooks.gitHubSignature(secret, body)).header("Content-Type",
                        "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        t[2] = System.nanoTime();
        if (hook.statusCode() != 202) {
            throw new IllegalStateException("webhook answered " + hook.statusCode() + ": " + hook.body());
        }
        String[] url = new String[1];
        await(() -> {
            JsonNode out = call("GET", "/api/v1/services/app/instances/test", null).path("outputs");
            String u = out.path("url").asText(null);
            if (u != null && get(u).contains("version " + version)) {
                url[0] = u;
                return u;
            }
            return null;
        }, 120);
        t[4] = System.nanoTime();
        JsonNode release = call("GET", "/api/v1/services/app/releases?environment=test&limit=1", null).get("items").get(0);
        String log = call("GET", "/api/v1/deployments/" + release.get("deployment").asLong(), null).get("log").asText();
        t[3] = fetchMillis(log);
        return url[0];
    }

    /** From the deployment log: from "fetching" to the line after it (the commit's files and config ready). */
    private static long fetchMillis(String log) {
        List<String> lines = log.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).contains(": fetching and decrypting")) {
                Instant a = Instant.parse(lines.get(i).substring(0, lines.get(i).indexOf(' ')));
                Instant b = Instant.parse(lines.get(i + 1).substring(0, lines.get(i + 1).indexOf(' ')));
                return Duration.between(a, b).toMillis();
            }
        }
        return 0;
    }

    private void setUp(Path work, String remote) throws Exception {
        call("POST", "/api/v1/templates", Map.of("bundle", DeliveryApp.templateText("lab-env")));
        call("POST", "/api/v1/templates", Map.of("bundle", DeliveryApp.templateText("app")));
        long env = call("POST", "/api/v1/environments", Map.of("name", "test", "template", "lab-env@1")).get("id").asLong();
        awaitDeployment(env);
        call("POST", "/api/v1/teams", Map.of("name", "bench"));
        call("POST", "/api/v1/entitlements", Map.of("team", "bench", "template", "app@1", "environments", List.of("test")));
        call("POST", "/api/v1/services", Map.of("name", "app", "template", "app@1", "team", "bench"));
        long inst = call("POST", "/api/v1/services/app/instances", Map.of("environment", "test", "inputs",
                Map.of("command", "java " + work.resolve("App.java")))).get("id").asLong();
        awaitDeployment(inst);
    }

    private void awaitDeployment(long id) throws Exception {
        await(() -> {
            String s = call("GET", "/api/v1/deployments/" + id, null).get("status").asText();
            if (s.equals("failed") || s.equals("cancelled")) {
                throw new IllegalStateException("deployment " + id + " " + s);
            }
            return s.equals("succeeded") ? s : null;
        }, 120);
    }

    private static void write(Path work, String version) {
        DeliveryApp.repository(work, version);
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Polls {@code probe} every 20 ms until it answers non-null, for at most {@code seconds}. */
    private static <T> T await(Probe<T> probe, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("not within " + seconds + " s");
    }

    @FunctionalInterface
    private interface Probe<T> {
        T get() throws Exception;
    }

    private static String sh(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
        return out;
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Stops the home's agent (and everything it runs) so the bench leaves no process behind. */
    private static void stopAgent(Path home) throws Exception {
        Path info = home.resolve("agent/agent.json");
        if (!Files.exists(info)) {
            return;
        }
        long pid = JSON.readTree(info.toFile()).path("pid").asLong();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}

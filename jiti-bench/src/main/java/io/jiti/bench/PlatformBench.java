package io.jiti.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.server.PlatformServer;
import io.jiti.testkit.InMemoryProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The platform server with a large inventory: synthetic rows (services, instances and a succeeded deployment
 * each) written straight into its embedded database, then the server started on it over the in-memory
 * provider. Measures, over loopback HTTP: {@code GET /health} (the floor), the inventory API's first page
 * (plain and filtered), the console's inventory page; then 200 deployment requests at once (every one must
 * be accepted, none lost, and at most {@code workers} run at once); and the process's resident memory.
 *
 * <p>Arguments: {@code [instances=10000] [requests=500] [workers=4]}.
 */
public final class PlatformBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Double> p50 = new java.util.HashMap<>();
    private String base;
    private String token;

    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path home = Files.createTempDirectory("jiti-platform-bench");
        try {
            new PlatformBench().run(home, instances, requests, workers);
        } finally {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(Path home, int instances, int requests, int workers) throws Exception {
        InMemoryProvider provider = InMemoryProvider.instant();
        PlatformServer.Options options = new PlatformServer.Options(home, "127.0.0.1", 0, null, null, null,
                id -> provider, provider.types(), workers, Duration.ZERO, io.jiti.sops.Identities.none());
        try (PlatformServer server = PlatformServer.start(options)) {
            base = server.url();
            token = Files.readString(server.adminToken().orElseThrow()).trim();
            post("/api/v1/templates", Map.of("bundle", resource("shared-env-1.0.yaml")));
            post("/api/v1/templates", Map.of("bundle", resource("web-api-1.0.yaml")));
            post("/api/v1/templates", Map.of("bundle", resource("web-api-1.1.yaml"))); // every instance is outdated
            long env = post("/api/v1/environments", Map.of("name", "test", "template", "shared-env@1")).get("id").asLong();
            ended(List.of(env), Duration.ofSeconds(30));
            post("/api/v1/teams", Map.of("name", "shop"));
            post("/api/v1/teams", Map.of("name", "other"));
            for (String team : List.of("shop", "other")) {
                post("/api/v1/entitlements", Map.of("team", team, "template", "web-api@1", "environments", List.of("test")));
            }
        }
        long written = synthetic(home.resolve("server"), instances);
        System.out.println("inventory-rows: " + (instances + 1) + " rows");
        System.out.println("synthetic-write: " + written + " ms");
        try (PlatformServer server = PlatformServer.start(options)) {
            base = server.url();
            String cookie = signIn();
            measure("inventory-first-page", "/api/v1/inventory", null, requests);
            measure("inventory-team-page", "/api/v1/inventory?team=shop&limit=200", null, requests);
            measure("inventory-outdated", "/api/v1/inventory?outdated=true", null, requests);
            measure("inventory-page-100", "/api/v1/inventory?after=" + URLEncoder.encode("1instance/s05000/test",
                    StandardCharsets.UTF_8), null, requests);
            measure("console-inventory", "/console", cookie, requests);
            measure("health", "/health", null, requests); // the floor, measured warm
            for (String name : List.of("inventory-first-page", "inventory-outdated", "console-inventory")) {
                System.out.printf("%s-p50-vs-health: %.2f ratio%n", name, p50.get(name) / p50.get("health"));
            }
            concurrentDeployments(200, workers);
            System.gc();
            System.out.println("rss: " + rssMegabytes() + " MiB");
            Runtime rt = Runtime.getRuntime();
            System.out.println("heap-used: " + (rt.totalMemory() - rt.freeMemory()) / (1 << 20) + " MiB");
        }
    }

    /** Writes {@code n} services, instances and a succeeded deployment of each in one transaction; returns ms. */
    private static long synthetic(Path dir, int n) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("platform").toAbsolutePath())) {
            c.setAutoCommit(false);
            long now = System.currentTimeMillis();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO services (name, team, template, major, created)"
                    + " VALUES (?, ?, 'web-api', 1, ?)");
                 PreparedStatement i = c.prepareStatement("INSERT INTO instances (service, environment, major, minor,"
                         + " inputs, components, created) VALUES (?, 'test', 1, 0, '{}', '[]', ?)");
                 PreparedStatement d = c.prepareStatement("INSERT INTO deployments (target, template, major, minor, inputs,"
                         + " components, inputs_hash, cause, requested_by, status, cancel, created, started, finished, plan,"
                         + " log, message) VALUES (?, 'web-api', 1, 0, '{}', '[]', 'synthetic', 'create', 'admin',"
                         + " 'succeeded', FALSE, ?, ?, ?, '', '', 'synthetic')")) {
                for (int k = 0; k < n; k++) {
                    String name = String.format("s%05d", k);
                    s.setString(1, name);
                    s.setString(2, k % 2 == 0 ? "shop" : "other");
                    s.setLong(3, now);
                    s.addBatch();
                    i.setString(1, name);
                    i.setLong(2, now);
                    i.addBatch();
                    d.setString(1, "instance/" + name + "/test");
                    d.setLong(2, now);
                    d.setLong(3, now);
                    d.setLong(4, now);
                    d.addBatch();
                    if (k % 1000 == 999 || k == n - 1) {
                        s.executeBatch();
                        i.executeBatch();
                        d.executeBatch();
                    }
                }
            }
            c.commit();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void measure(String name, String path, String cookie, int requests) throws Exception {
        for (int k = 0; k < Math.max(50, requests / 5); k++) {
            get(path, cookie);
        }
        double[] ms = new double[requests];
        int bytes = 0;
        for (int k = 0; k < requests; k++) {
            long t = System.nanoTime();
            bytes = get(path, cookie).length();
            ms[k] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        p50.put(name, ms[ms.length / 2]);
        System.out.printf("%s-p50: %.2f ms%n", name, ms[ms.length / 2]);
        System.out.printf("%s-p99: %.2f ms%n", name, ms[(int) Math.ceil(ms.length * 0.99) - 1]);
        System.out.println(name + "-bytes: " + bytes + " bytes");
    }

    /** {@code n} instance updates at once: all must be accepted, none lost, at most {@code workers} running. */
    private void concurrentDeployments(int n, int workers) throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            String body = JSON.writeValueAsString(Map.of("inputs", Map.of("instances", 2)));
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/services/"
                            + String.format("s%05d", k) + "/instances/test")).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Long> ids = new ArrayList<>();
        int accepted = 0;
        String refusal = null;
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.join();
            if (r.statusCode() == 202) {
                accepted++;
                ids.add(JSON.readTree(r.body()).get("id").asLong());
            } else if (refusal == null) {
                refusal = r.statusCode() + " " + r.body();
            }
        }
        if (refusal != null) {
            System.err.println("a deployment request was refused: " + refusal);
        }
        double acceptMs = (System.nanoTime() - start) / 1e6;
        int peak = ended(ids, Duration.ofMinutes(5));
        double drainMs = (System.nanoTime() - start) / 1e6;
        int succeeded = 0;
        for (long id : ids) {
            if (JSON.readTree(get("/api/v1/deployments/" + id, null)).get("status").asText().equals("succeeded")) {
                succeeded++;
            }
        }
        System.out.println("deployments-requested: " + n + " requests");
        System.out.println("deployments-accepted: " + accepted + " requests");
        System.out.println("deployments-distinct: " + new HashSet<>(ids).size() + " ids");
        System.out.println("deployments-succeeded: " + succeeded + " deployments");
        System.out.printf("deployments-accept-all: %.0f ms%n", acceptMs);
        System.out.printf("deployments-drain: %.0f ms%n", drainMs);
        System.out.println("deployments-peak-running: " + peak + " deployments (workers " + workers + ")");
    }

    /** Waits until every deployment of {@code ids} ended; returns the most seen running at once. */
    private int ended(List<Long> ids, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Set<Long> open = new HashSet<>(ids);
        int peak = 0;
        while (!open.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(open.size() + " deployments did not end within " + limit);
            }
            JsonNode page = JSON.readTree(get("/api/v1/deployments?limit=200", null)).get("items");
            int running = 0;
            for (JsonNode d : page) {
                String status = d.get("status").asText();
                running += status.equals("running") ? 1 : 0;
                if (!status.equals("queued") && !status.equals("running")) {
                    open.remove(d.get("id").asLong());
                }
            }
            for (Long id : List.copyOf(open)) { // older than the newest page
                if (page.size() == 200 && id < page.get(page.size() - 1).get("id").asLong()) {
                    String status = JSON.readTree(get("/api/v1/deployments/" + id, null)).get("status").asText();
                    if (!status.equals("queued") && !status.equals("running")) {
                        open.remove(id);
                    }
                }
            }
            peak = Math.max(peak, running);
        }
        return peak;
    }

    private String signIn() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private String get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        b.header(cookie == null ? "Authorization" : "Cookie", cookie == null ? "Bearer " + token : cookie);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private JsonNode post(String path, Object body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static String resource(String name) {
        try (InputStream in = PlatformBench.class.getResourceAsStream("platform/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long rssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}

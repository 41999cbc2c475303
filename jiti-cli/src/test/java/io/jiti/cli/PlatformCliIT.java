package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform story through the packaged CLI against a real {@code jiti server} process on the local
 * provider: templates, environments, a team and its developer, entitlements, a service instance that
 * answers, a refusal, the inventory and the outdated view, an upgrade and its rollback, a second server
 * refused, and a server killed with SIGKILL in the middle of a deployment that finishes it after a restart.
 */
class PlatformCliIT {
    private static final Path EXAMPLE = Path.of("../examples/platform").toAbsolutePath().normalize();
    @TempDir
    Path home;
    private Process server;
    private JitiProcess jiti;

    private String startServer(Path log) throws IOException {
        JitiProcess.Server started = jiti.server(log, "--sample-every", "1");
        server = started.process();
        return started.url();
    }


    @Test
    void theStoryOnARealServer() throws Exception {
        jiti = new JitiProcess(home);
        String url = startServer(home.resolve("server-1.log"));
        jiti.env("JITI_SERVER", url);

        jiti.ok("template", "publish", EXAMPLE.resolve("templates/shared-env").toString());
        jiti.ok("template", "publish", EXAMPLE.resolve("templates/web-api").toString());
        assertThat(jiti.ok("env", "create", "test", "--template", "shared-env@1").out()).contains("Deployment 1 succeeded");
        jiti.ok("team", "create", "shop");
        String created = jiti.ok("user", "create", "dana", "--team", "shop", "--role", "developer").out();
        String dana = created.lines().filter(l -> l.startsWith("jiti_")).findFirst().orElseThrow();
        jiti.ok("entitle", "shop", "--template", "web-api@1", "--env", "test");

        JitiProcess developer = new JitiProcess(home).env("JITI_SERVER", url).env("JITI_TOKEN", dana);
        assertThat(developer.run("service", "create", "orders", "--template", "web-api@1", "--team", "shop").code()).isZero();
        JitiProcess.Result instance = developer.run("instance", "create", "orders", "test",
                "-p", "command=java " + EXAMPLE.resolve("app/Api.java"));
        assertThat(instance.code()).as(instance.out()).isZero();
        assertThat(get(serviceUrl(developer))).startsWith("web-api: database app, queue http://127.0.0.1:")
                .contains("log level default");
        assertThat(sampledUnderLoad(developer, serviceUrl(developer))).isPositive();

        JitiProcess.Result refused = developer.run("instance", "create", "orders", "prod");
        assertThat(refused.code()).as(refused.out()).isEqualTo(2); // no environment prod
        jiti.ok("env", "create", "prod", "--template", "shared-env@1", "--no-wait");
        refused = developer.run("instance", "create", "orders", "prod", "-p", "command=java x");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("team shop may not deploy web-api@1 to prod (entitled to: test)");

        jiti.ok("template", "publish", EXAMPLE.resolve("templates/web-api-1.1").toString());
        JsonNode outdated = JsonOut.MAPPER.readTree(developer.run("inventory", "--outdated", "--json").out());
        assertThat(outdated).hasSize(1);
        assertThat(outdated.get(0).get("target").asText()).isEqualTo("instance/orders/test");
        assertThat(outdated.get(0).get("latest").asText()).isEqualTo("1.1");

        assertThat(developer.run("instance", "update", "orders", "test", "--version", "1.1").code()).isZero();
        assertThat(get(serviceUrl(developer))).contains("log level info");
        assertThat(developer.run("deployment", "rollback", "instance/orders/test").code()).isZero();
        assertThat(get(serviceUrl(developer))).contains("log level default");
        jiti.ok("policy", "add", "one-instance", "--cel", "particles.all(p, p.type != 'service' || p.spec.instances <= 1)",
                "--message", "one instance is enough here");
        JitiProcess.Result denied = developer.run("instance", "update", "orders", "test",
                "-p", "command=java " + EXAMPLE.resolve("app/Api.java"), "-p", "instances=2");
        assertThat(denied.code()).as(denied.out()).isEqualTo(1);
        assertThat(denied.out()).contains("refused by policy one-instance: one instance is enough here");
        assertThat(get(serviceUrl(developer))).contains("log level default");
        jiti.ok("policy", "remove", "one-instance");

        assertThat(jiti.ok("upgrade", "web-api@1.1", "--preview", "--waves", "test").out())
                .contains("wave 1  instance/orders/test  1.0 -> 1.1").contains("update orders.api.app");
        assertThat(jiti.ok("upgrade", "web-api@1.1", "--waves", "test", "--settle", "1").out())
                .contains("Campaign 1 succeeded");
        assertThat(get(serviceUrl(developer))).contains("log level info");
        assertThat(jiti.ok("audit", "--json").out()).contains("\"result\" : \"denied\"");
        assertThat(developer.run("audit").code()).isEqualTo(1);

        JitiProcess.Result second = jiti.run("server", "--port", "0");
        assertThat(second.code()).isEqualTo(1);
        assertThat(second.out()).contains("a jiti server already runs on " + home);

        // SIGKILL in the middle of a deployment; the restarted server finishes it
        Path log = home.resolve("staging.log");
        Process creating = jiti.start(log, "env", "create", "staging", "--template", "shared-env@1");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("create shared-env.db ..."));
        server.destroyForcibly().waitFor();
        creating.waitFor();
        String url2 = startServer(home.resolve("server-2.log"));
        assertThat(Files.readString(home.resolve("server-2.log"))).contains("Resumed 1 deployment(s)");
        jiti.env("JITI_SERVER", url2);
        await().atMost(Duration.ofSeconds(90)).until(() -> JsonOut.MAPPER.readTree(jiti.run("deployment", "list",
                "--target", "environment/staging", "--json").out()).get(0).get("status").asText().equals("succeeded"));
        JsonNode staging = JsonOut.MAPPER.readTree(jiti.run("env", "show", "staging", "--json").out());
        assertThat(staging.get("outputs").get("dbUrl").asText()).startsWith("jdbc:postgresql://127.0.0.1:");
        assertThat(jiti.ok("audit", "--json").out()).contains("environment/staging");

        // deleting: an environment goes empty and by force; an instance's processes go with it
        JitiProcess.Result occupied = jiti.run("env", "delete", "test", "--force");
        assertThat(occupied.code()).as(occupied.out()).isEqualTo(2);
        assertThat(occupied.out()).contains("still has instances of orders");
        String orders = serviceUrl(developer.env("JITI_SERVER", url2));
        assertThat(developer.run("instance", "delete", "orders", "test").code()).isZero();
        assertThat(developer.run("instance", "show", "orders", "test").code()).isEqualTo(2);
        assertThat(unreachable(orders)).isTrue();
        JitiProcess.Result guarded = jiti.run("env", "delete", "staging");
        assertThat(guarded.code()).as(guarded.out()).isEqualTo(2);
        assertThat(guarded.out()).contains("is protected");
        assertThat(jiti.ok("env", "delete", "staging", "--force").out()).contains("succeeded: deleted environment/staging");
        assertThat(jiti.run("env", "show", "staging").code()).isEqualTo(2);
    }

    private static boolean unreachable(String url) {
        try {
            get(url);
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    /** Sends requests to {@code url} until the server's samples of the instance show them; the rate it saw. */
    private static double sampledUnderLoad(JitiProcess developer, String url) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        HttpClient http = HttpClient.newHttpClient();
        Thread load = new Thread(() -> {
            while (!done.get()) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        load.start();
        try {
            double[] rps = new double[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode series = JsonOut.MAPPER.readTree(developer.run("metrics", "instance/orders/test", "--window", "5m",
                        "--json").out());
                for (JsonNode s : series.get("samples")) {
                    rps[0] = Math.max(rps[0], s.get("requestsPerSecond").asDouble());
                }
                return rps[0] > 0 && series.get("samples").get(0).get("instances").asInt() == 1
                        && series.get("deployments").size() == 1;
            });
            return rps[0];
        } finally {
            done.set(true);
            load.join();
        }
    }

    private static String serviceUrl(JitiProcess developer) throws Exception {
        JitiProcess.Result r = developer.run("instance", "show", "orders", "test", "--json");
        return JsonOut.MAPPER.readTree(r.out()).get("outputs").get("url").asText();
    }

    private static String get(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
        if (jiti != null && Files.exists(home.resolve("agent/agent.json"))) {
            Path empty = home.resolve("empty");
            Files.createDirectories(empty);
            for (String stack : new String[] {"test--orders", "test", "prod", "staging"}) {
                Files.writeString(empty.resolve("jiti.yaml"), "stack: " + stack + "\nparticles: []\n");
                jiti.run("down", "--force", empty.toString());
            }
            jiti.downAndStopAgent(empty);
        }
    }
}

package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.gitops.Webhooks;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy on push, end to end: a real git repository served over HTTP on loopback (JGit's GitServlet), pushed to
 * with the git CLI; a {@code jiti server} process on the local provider (real app processes) with an age
 * identity; GitHub-style webhooks signed as GitHub signs them. Covers: a push deploys and the app gets its
 * encrypted config (and nothing else shows it), a replayed delivery deploys once, a forged one is refused,
 * polling deploys when no webhook comes, a rollback pushes a revert commit and quarantines the bad commit, a
 * release whose instances crash is rolled back automatically, a pipeline promotes test → staging and holds
 * prod for an approval by the right role (four eyes), and a refused revert push says how to fix git.
 */
class DeliveryIT {
    private static final Pattern SECRET = Pattern.compile("Webhook secret \\(shown once\\): ([0-9a-f]{64})");
    private static final String GREETING = "hello-from-sops-" + UUID.randomUUID();
    @TempDir
    Path home;
    @TempDir
    Path tmp;
    private Process server;
    private JitiProcess jiti;
    private GitHttpServer git;
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;
    private Path work;

    @Test
    void deployOnPushRollbackAndPipeline() throws Exception {
        git = GitHttpServer.start(Files.createDirectories(tmp.resolve("git")));
        String remote = git.create("app.git");
        work = tmp.resolve("work");
        Files.createDirectories(work);
        DeliveryApp.repository(work, "1");
        jiti = new JitiProcess(home);
        Path key = home.resolve("keys/test.key");
        jiti.ok("config", "keygen", "test", "--out", key.toString(), "--dir", work.toString());
        jiti.ok("config", "set", "test", "GREETING=" + GREETING, "--dir", work.toString());
        assertThat(Files.readString(work.resolve("config/test.yaml"))).doesNotContain(GREETING);
        sh(work, "git", "init", "-q", "-b", "main");
        sh(work, "git", "config", "user.email", "dana@example.test");
        sh(work, "git", "config", "user.name", "Dana");
        sh(work, "git", "remote", "add", "origin", remote);
        String v1 = commitAndPush("v1");

        jiti.env("JITI_AGE_KEY_FILE", key.toString());
        base = startServer(home.resolve("server.log"));
        jiti.env("JITI_SERVER", base);
        jiti.ok("template", "publish", DeliveryApp.template("lab-env", tmp.resolve("templates/lab-env")).toString());
        jiti.ok("template", "publish", DeliveryApp.template("app", tmp.resolve("templates/app")).toString());
        for (String env : List.of("test", "staging", "prod")) {
            jiti.ok("env", "create", env, "--template", "lab-env@1");
        }
        jiti.ok("team", "create", "shop");
        JitiProcess dana = as(jiti.ok("user", "create", "dana", "--team", "shop", "--role", "developer").out());
        jiti.ok("entitle", "shop", "--template", "app@1", "--env", "test", "--env", "staging", "--env", "prod");
        dana.ok("service", "create", "app", "--template", "app@1", "--team", "shop");
        Path v0 = tmp.resolve("v0");
        DeliveryApp.repository(v0, "0");
        Files.delete(v0.resolve("version.txt"));
        String initial = "java " + v0.resolve("App.java");
        for (String env : List.of("test", "staging", "prod")) {
            dana.ok("instance", "create", "app", env, "-p", "command=" + initial);
        }
        assertThat(get(url(dana, "test"))).startsWith("version 0, greeting (none)");

        String set = dana.ok("source", "set", "app", remote, "--branch", "main=test", "--poll", "0", "--settle", "3").out();
        Matcher m = SECRET.matcher(set);
        assertThat(m.find()).as(set).isTrue();
        String secret = m.group(1);

        // a push deploys; the app has its decrypted config
        String delivery = UUID.randomUUID().toString();
        HttpResponse<String> accepted = push(secret, delivery, v1, "dana", null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        awaitStatus(dana, "test", 1, "live");
        String testUrl = url(dana, "test"); // the first release from the source replaced the template's own stack
        awaitServes(testUrl, "version 1, greeting " + GREETING);

        // the same delivery again deploys once; a forged signature changes nothing
        HttpResponse<String> replay = push(secret, delivery, v1, "dana", null);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("duplicate");
        HttpResponse<String> forged = push(secret, UUID.randomUUID().toString(), v1, "dana", "sha256=" + "0".repeat(64));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(releases(dana, "test")).hasSize(1);
        assertThat(dana.ok("deliveries", "app").out()).contains("accepted", "duplicate", "rejected",
                "X-Hub-Signature-256 does not match");

        // the config value is in the app's environment and nowhere else
        JsonNode release = JsonOut.MAPPER.readTree(dana.ok("release", "show", "app", "test", "v1").out());
        assertThat(release.get("configHash").asText()).hasSize(64);
        for (String[] read : new String[][] {{"releases", "app", "--json"}, {"audit", "--json"},
                {"instance", "show", "app", "test", "--json"},
                {"deployment", "show", release.get("deployment").asText(), "--json"}}) {
            assertThat(jiti.ok(read).out()).as(String.join(" ", read)).doesNotContain(GREETING);
        }
        assertThat(Files.readString(home.resolve("server.log"))).doesNotContain(GREETING);

        // no webhook: polling deploys the next commit
        dana.ok("source", "set", "app", remote, "--branch", "main=test", "--poll", "5", "--settle", "3");
        Files.writeString(work.resolve("version.txt"), "2\n");
        String v2 = commitAndPush("v2");
        awaitServes(testUrl, "version 2");
        awaitStatus(dana, "test", 2, "live");
        assertThat(JsonOut.MAPPER.readTree(dana.ok("release", "show", "app", "test", "v2").out())
                .get("trigger").asText()).isEqualTo("poll");

        // a rollback redeploys v1's commit, pushes a revert commit, quarantines v2's commit
        String rolled = dana.ok("rollback", "app", "test").out();
        assertThat(rolled).contains("Release v3 of app in test");
        awaitServes(testUrl, "version 1, greeting " + GREETING);
        sh(work, "git", "pull", "-q", "--rebase=false", "origin", "main");
        assertThat(sh(work, "git", "log", "-1", "--format=%s")).startsWith("Roll back test to v1");
        assertThat(releases(dana, "test").get(0).get("git").asText()).startsWith("reverted on main: ");
        assertThat(Files.readString(work.resolve("version.txt"))).isEqualTo("1\n");
        assertThat(JsonOut.MAPPER.readTree(dana.ok("release", "show", "app", "test", "v2").out()).get("status")
                .asText()).isEqualTo("rolled-back");
        assertThat(push(secret, UUID.randomUUID().toString(), v2, "dana", null).body()).contains("quarantined");
        awaitStatus(dana, "test", 3, "live");
        dana.ok("source", "poll", "app");
        assertThat(releases(dana, "test")).hasSize(3);

        // a release whose instances crash is rolled back automatically
        dana.ok("source", "set", "app", remote, "--branch", "main=test", "--poll", "5", "--settle", "10");
        Files.writeString(work.resolve("crash.txt"), "crash soon after start\n");
        Files.writeString(work.resolve("version.txt"), "3\n");
        commitAndPush("v3 crashes");
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    releases(dana, "test").size() >= 5 && releases(dana, "test").get(0).get("trigger").asText()
                            .equals("auto-rollback"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no automatic rollback; releases:\n" + jiti.run("releases", "app", "test", "--json")
                    .out() + "\nstatus:\n" + jiti.run("deployment", "list", "--target", "instance/app/test", "--json")
                    .out() + "\nserver log:\n" + Files.readString(home.resolve("server.log")), e);
        }
        JsonNode crashed = releases(dana, "test").get(1);
        assertThat(crashed.get("status").asText()).isEqualTo("rolled-back");
        assertThat(crashed.get("note").asText()).contains("health gate");
        awaitServes(testUrl, "version 1, greeting " + GREETING);
        assertThat(jiti.ok("audit", "--json").out()).contains("release.auto-rollback");
        // webhooks only from here: the push below is the admin's, as the webhook says
        dana.ok("source", "set", "app", remote, "--branch", "main=test", "--poll", "0", "--settle", "3");

        // one byte of the encrypted config changed: the release fails before anything changes
        sh(work, "git", "pull", "-q", "--rebase=false", "origin", "main");
        Files.deleteIfExists(work.resolve("crash.txt"));
        Path config = work.resolve("config/test.yaml");
        String line = Files.readString(config).lines().filter(l -> l.startsWith("GREETING:")).findFirst().orElseThrow();
        int at = line.indexOf("data:") + 5;
        Files.writeString(config, Files.readString(config).replace(line, line.substring(0, at)
                + (line.charAt(at) == 'A' ? 'B' : 'A') + line.substring(at + 1)));
        int before = releases(dana, "test").size();
        String tampered = commitAndPush("tampered config");
        assertThat(push(secret, UUID.randomUUID().toString(), tampered, "dana", null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                releases(dana, "test").size() == before + 1
                        && releases(dana, "test").get(0).get("status").asText().equals("failed"));
        JsonNode failed = releases(dana, "test").get(0);
        assertThat(failed.get("commit").asText()).isEqualTo(tampered);
        assertThat(failed.get("note").asText()).contains("GREETING does not decrypt", "nothing was changed");
        JsonNode deployment = JsonOut.MAPPER.readTree(jiti.ok("deployment", "show", failed.get("deployment").asText(), "--json")
                .out());
        assertThat(deployment.get("message").asText()).contains("does not decrypt").doesNotContain(GREETING);
        assertThat(deployment.get("plan").asText()).as("nothing was planned or applied").isEmpty();
        awaitServes(testUrl, "version 1, greeting " + GREETING);

        // a pipeline: test -> staging automatically, prod after an approval by an admin other than the pusher
        Path pipeline = tmp.resolve("pipeline.yaml");
        Files.writeString(pipeline, "stages:\n  - {name: test, environments: [test]}\n"
                + "  - {name: staging, environments: [staging]}\n"
                + "  - {name: prod, environments: [prod], approval: {role: admin, fourEyes: true, expiresAfter: 1h}}\n");
        assertThat(dana.run("pipeline", "set", "app", pipeline.toString()).code()).isEqualTo(1); // admins only
        jiti.ok("pipeline", "set", "app", pipeline.toString());
        sh(work, "git", "pull", "-q", "--rebase=false", "origin", "main");
        Files.deleteIfExists(work.resolve("crash.txt"));
        sh(work, "git", "checkout", "HEAD~1", "--", "config/test.yaml"); // the config as it was before the tampering
        Files.writeString(work.resolve("version.txt"), "4\n");
        String v4 = commitAndPush("v4");
        assertThat(push(secret, UUID.randomUUID().toString(), v4, "admin", null).statusCode()).isEqualTo(202);
        awaitStatus(dana, "staging", 1, "live");
        awaitServes(url(dana, "staging"), "version 4");
        await().atMost(Duration.ofSeconds(90)).until(() -> releases(dana, "prod").size() == 1
                && releases(dana, "prod").get(0).get("status").asText().equals("awaiting-approval"));
        JitiProcess.Result devApproves = dana.run("approve", "app", "v1");
        assertThat(devApproves.code()).as(devApproves.out()).isEqualTo(1);
        assertThat(devApproves.out()).contains("only an admin may approve", "HTTP 403");
        JitiProcess.Result pusherApproves = jiti.run("approve", "app", "v1");
        assertThat(pusherApproves.out()).contains("four eyes", "HTTP 403");
        JitiProcess carol = as(jiti.ok("user", "create", "carol", "--role", "admin").out());
        assertThat(carol.ok("approve", "app", "v1").out()).contains("deploying");
        awaitStatus(dana, "prod", 1, "live");
        awaitServes(url(dana, "prod"), "version 4");

        // a refused revert push: the rollback happens, the release says how to fix git
        git.protect("main", true);
        dana.ok("rollback", "app", "test");
        JsonNode back = releases(dana, "test").get(0);
        assertThat(back.get("git").asText()).contains("git must be fixed", "git read-tree -u --reset");
    }

    private String commitAndPush(String message) throws Exception {
        sh(work, "git", "add", "-A");
        sh(work, "git", "commit", "-q", "-m", message);
        sh(work, "git", "push", "-q", "origin", "HEAD:main");
        return sh(work, "git", "rev-parse", "HEAD").strip();
    }

    private HttpResponse<String> push(String secret, String delivery, String commit, String pusher, String signature)
            throws Exception {
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"before\":\"" + "0".repeat(40) + "\",\"after\":\"" + commit
                + "\",\"deleted\":false,\"pusher\":{\"name\":\"" + pusher + "\"}}").getBytes(StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/hooks/github/app")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", signature != null ? signature : Webhooks.gitHubSignature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> releases(JitiProcess who, String env) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JsonOut.MAPPER.readTree(who.run("releases", "app", env, "--json").out()).forEach(out::add);
        return out;
    }

    private void awaitStatus(JitiProcess who, String env, int number, String status) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> JsonOut.MAPPER.readTree(who.run("release", "show", "app", env, "v" + number).out())
                            .path("status").asText().equals(status));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(env + " v" + number + " never became " + status + "; releases:\n"
                    + jiti.run("releases", "app", "--json").out(), e);
        }
    }

    private void awaitServes(String url, String text) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .until(() -> get(url).contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(url + " never served '" + text + "'; releases:\n" + jiti.run("releases", "app",
                    "--json").out() + "\ndeployments:\n" + jiti.run("deployment", "list", "--json").out()
                    + "\nlast deployment:\n" + jiti.run("deployment", "show", JsonOut.MAPPER.readTree(jiti.run(
                    "deployment", "list", "--json").out()).get(0).get("id").asText()).out(), e);
        }
    }

    private String url(JitiProcess who, String env) throws Exception {
        return JsonOut.MAPPER.readTree(who.run("instance", "show", "app", env, "--json").out()).get("outputs").get("url")
                .asText();
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private JitiProcess as(String created) {
        String token = created.lines().filter(l -> l.startsWith("jiti_")).findFirst().orElseThrow();
        return new JitiProcess(home).env("JITI_SERVER", base).env("JITI_TOKEN", token);
    }


    private String startServer(Path log) throws IOException {
        JitiProcess.Server started = jiti.server(log, "--sample-every", "0");
        server = started.process();
        return started.url();
    }

    private static String sh(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + ": " + out);
        }
        return out;
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
            for (String stack : new String[] {"test--app", "staging--app", "prod--app", "test", "staging", "prod"}) {
                Files.writeString(empty.resolve("jiti.yaml"), "stack: " + stack + "\nparticles: []\n");
                jiti.run("down", "--force", empty.toString());
            }
            jiti.downAndStopAgent(empty);
        }
        if (git != null) {
            git.close();
        }
    }
}

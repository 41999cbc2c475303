package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/blueprints through the packaged CLI: a company blueprint made of the standard set, planned
 * (members, overrides, permissions) and run locally; its compatible 1.1 checked; a bad parameter refused;
 * and the same blueprint found in the jar Maven built of examples/blueprints.
 */
class BlueprintsIT {
    private static final Path EXAMPLE = Path.of("../examples/blueprints").toAbsolutePath().normalize();
    @TempDir
    Path home;
    @TempDir
    Path work;
    private JitiProcess jiti;
    private boolean applied;

    @BeforeEach
    void setUp() {
        jiti = new JitiProcess(home).env("JITI_TIMEOUT", "240");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (applied) {
            jiti.downAndStopAgent(EXAMPLE);
        }
    }

    @Test
    void theExampleShowsItsMembersOverridesAndPermissionsAndRunsLocally() throws Exception {
        JitiProcess.Result plan = jiti.run("plan", EXAMPLE.toString());
        assertThat(plan.code()).as(plan.out()).isZero();
        assertThat(plan.out()).contains(
                "orders = orders-api@1.0 -> orders.db.server, orders.files.bucket, orders.events.queue, orders.api.app",
                "overridden: parameter instances = 1 (default 2)",
                "overridden: parameter versioning = true (default false)",
                "overridden: member api: extra permission queue:send on audit",
                "Permissions the stack needs (6):",
                "orders.api.app  postgres:connect on orders.db.server  (default of orders-api@1.0)",
                "orders.api.app  queue:send on audit  (extra: the API records an audit trail)");
        JsonNode json = JsonOut.MAPPER.readTree(jiti.run("plan", "--json", EXAMPLE.toString()).out());
        assertThat(json.path("blueprints").get(0).path("blueprint").asText()).isEqualTo("orders-api@1.0");
        assertThat(json.path("permissions").toString()).contains(
                "{\"principal\":\"orders.api.app\",\"action\":\"queue:send\",\"resource\":\"audit\"");

        applied = true;
        JitiProcess.Result up = jiti.run("up", EXAMPLE.toString());
        assertThat(up.code()).as(up.out()).isZero();
        JsonNode status = JsonOut.MAPPER.readTree(jiti.run("status", "--json", EXAMPLE.toString()).out());
        String url = null;
        for (JsonNode p : status.path("particles")) {
            if (p.path("name").asText().equals("orders.api.app")) {
                url = p.path("outputs").path("url").asText();
            }
        }
        assertThat(url).startsWith("http://127.0.0.1:");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/orders?item=book"))
                .POST(HttpRequest.BodyPublishers.ofString("a photo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JsonOut.MAPPER.readTree(created.body()).path("id").asLong();
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(url + "/orders/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.body()).contains("\"object\":\"a photo\"", "\"item\":\"book\"");
        assertThat(jiti.run("plan", "--exit-code", EXAMPLE.toString()).code()).isZero();
    }

    @Test
    void checkPassesTheCompatibleCandidateAndRefusesAnIncompatibleOne() throws Exception {
        JitiProcess.Result ok = jiti.run("blueprint", "check", "orders-api@1.0",
                EXAMPLE.resolve("candidates/orders-api-1.1").toString(), "--dir", EXAMPLE.toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("~ update: sample.api.app", "orders-api@1.1 is a compatible minor version of "
                + "orders-api@1.0");
        Path bad = work.resolve("orders-api-1.1");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("blueprint.yaml"), Files.readString(
                EXAMPLE.resolve("candidates/orders-api-1.1/blueprint.yaml"))
                .replace("  events:\n    type: blueprint:queue@1\n", "  events:\n    type: queue\n")
                .replace("      maxReceiveCount: 5\n", "      fifo: true\n")
                .replace("  queue: ${events.url}\n", ""));
        JitiProcess.Result refused = jiti.run("blueprint", "check", "orders-api@1.0", bad.toString(), "--dir",
                EXAMPLE.toString());
        assertThat(refused.code()).as(refused.out()).isEqualTo(2);
        assertThat(refused.out()).contains("removed output: output 'queue' was removed",
                "member sample.events.queue would be deleted", "+ create: sample.events",
                "orders-api@1.1 is not a compatible minor version of orders-api@1.0");
    }

    @Test
    void aBadParameterIsReportedWhereItIsWrittenAndNothingIsApplied() throws Exception {
        Files.writeString(work.resolve("jiti.yaml"), """
                stack: bad
                particles:
                  - name: orders
                    type: blueprint:orders-api@1
                    spec:
                      instances: 0
                      source: app
                """);
        Files.createDirectories(work.resolve("blueprints"));
        Files.writeString(work.resolve("blueprints/orders.yaml"), "not a bundle: only blueprint.yaml files count\n");
        jiti.env("JITI_BLUEPRINT_PATH", EXAMPLE.resolve("blueprints").toString());
        JitiProcess.Result up = jiti.run("up", work.toString());
        assertThat(up.code()).isEqualTo(2);
        assertThat(up.out()).contains(work.resolve("jiti.yaml") + ":6:18: ", "nothing was applied");
        assertThat(home.resolve("agent")).doesNotExist(); // not even an agent was started
    }

    @Test
    void aBlueprintInTheJarMavenBuiltIsFoundAndUsed() throws Exception {
        String jar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("jiti-example-blueprints")).findFirst().orElseThrow();
        assertThat(jar).as("the example's packaged jar is on the test class path").endsWith(".jar");
        Files.writeString(work.resolve("jiti.yaml"), """
                stack: from-jar
                particles:
                  - name: shop
                    type: blueprint:orders-api@1.0
                    spec: {source: app}
                """);
        jiti.env("JITI_BLUEPRINT_PATH", jar);
        JitiProcess.Result list = jiti.run("blueprint", "list");
        assertThat(list.out()).contains("orders-api@1.0", jar + "!/META-INF/jiti/blueprints/orders-api/blueprint.yaml",
                "web-service@1.0");
        JitiProcess.Result validate = jiti.run("validate", work.toString());
        assertThat(validate.code()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("(4 particles)");
        JitiProcess.Result render = jiti.run("blueprint", "render", "orders-api", "-p", "source=app", "-p", "instances=3",
                "--name", "shop");
        assertThat(render.code()).as(render.out()).isZero();
        assertThat(render.out()).contains("name: shop.api.app", "min: 3", "- shop.db.server");
    }
}

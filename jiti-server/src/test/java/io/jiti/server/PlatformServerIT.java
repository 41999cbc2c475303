package io.jiti.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformServerIT {
    @TempDir
    Path home;
    ServerFixture f;

    @BeforeEach
    void start() {
        f = fixture(home);
    }

    /** The server under test: on the embedded database here. */
    ServerFixture fixture(Path home) {
        return new ServerFixture(home);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void listensOnLoopbackAndAuthenticatesEverythingButHealth() throws Exception {
        assertThat(f.server.url()).startsWith("http://127.0.0.1:");
        assertThat(f.call("GET", "/health", null, null).status()).isEqualTo(200);
        var r = f.call("GET", "/api/v1/whoami", null, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.type()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asText()).contains("Bearer");
        assertThat(f.call("GET", "/api/v1/whoami", "jiti_forged", null).status()).isEqualTo(401);
        assertThat(f.call("GET", "/api/v1/nothing-here", null, null).status()).isEqualTo(401);
        assertThat(f.call("GET", "/api/v1/whoami", f.admin, null).json().get("role").asText()).isEqualTo("admin");
        assertThat(f.call("GET", "/api/v1/nothing-here", f.admin, null).status()).isEqualTo(404);

        Path token = home.resolve("server/admin.token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("server"))))
                .isEqualTo("rwx------");
    }

    @Test
    void aSecondServerOnTheSameHomeIsRefused() {
        assertThatThrownBy(() -> PlatformServer.start(f.options(home)))
                .hasMessageContaining("a jiti server already runs on " + home);
        assertThat(f.call("GET", "/health", null, null).status()).isEqualTo(200);
    }

    @Test
    void theStoryOverHttp() {
        Map<String, String> t = f.standardSetup();
        var created = ServerFixture.ok(f.call("POST", "/api/v1/services/orders/instances", t.get("dana"),
                Map.of("environment", "test", "inputs", Map.of("instances", 2))));
        assertThat(created.status()).isEqualTo(202);
        var d = f.ended(created.json().get("id").asLong());
        assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("succeeded");
        assertThat(d.get("log").asText()).contains("create orders.app");

        var refused = f.call("POST", "/api/v1/services/orders/instances", t.get("dana"), Map.of("environment", "prod"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asText()).contains("may not deploy web-api@1 to prod");

        var inventory = f.call("GET", "/api/v1/inventory?team=shop", t.get("vic"), null).json();
        assertThat(inventory.get("items")).hasSize(1);
        assertThat(inventory.get("items").get(0).get("status").asText()).isEqualTo("succeeded");
        var env = f.call("GET", "/api/v1/environments/test", t.get("vic"), null).json();
        assertThat(env.get("outputs").get("dbUrl").asText()).isEqualTo("mem://test/shared-env.db/url");

        var audit = f.call("GET", "/api/v1/audit?limit=2", f.admin, null).json();
        assertThat(audit.get("items").get(0).get("result").asText()).isEqualTo("denied");
        assertThat(audit.get("next").asText()).isNotEmpty();
        assertThat(f.call("GET", "/api/v1/audit", t.get("dana"), null).status()).isEqualTo(403);
    }

    @Test
    void aDeploymentsProgressStreamsAsServerSentEvents() throws Exception {
        Map<String, String> t = f.standardSetup();
        long id = ServerFixture.ok(f.call("POST", "/api/v1/services/orders/instances", t.get("dana"),
                Map.of("environment", "test"))).json().get("id").asLong();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.server.url()
                + "/api/v1/deployments/" + id + "/events")).header("Authorization", "Bearer " + t.get("vic"))
                .header("Accept", "text/event-stream").timeout(java.time.Duration.ofSeconds(30)).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        java.util.List<String> lines = response.body().toList(); // the server closes the stream at the end
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(lines.toString())
                .startsWith("text/event-stream");
        assertThat(lines).contains("event: log", "event: status");
        assertThat(String.join("\n", lines)).contains("create orders.app").contains("\"status\":\"succeeded\"");

        assertThat(f.call("GET", "/api/v1/deployments/" + id + "/events", null, null).status()).isEqualTo(401);
        assertThat(f.call("GET", "/api/v1/deployments/999/events", f.admin, null).status()).isEqualTo(404);
    }

    @Test
    void badInputIsA4xxNamingTheField() {
        var r = f.call("POST", "/api/v1/teams", f.admin, Map.of("name", 7));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("name");
        r = f.call("POST", "/api/v1/teams", f.admin, "{not json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("body");
        r = f.call("GET", "/api/v1/deployments?limit=-1", f.admin, null);
        assertThat(r.json().get("field").asText()).isEqualTo("limit");
        r = f.call("GET", "/api/v1/deployments/abc", f.admin, null);
        assertThat(r.json().get("field").asText()).isEqualTo("id");
        r = f.call("POST", "/api/v1/templates", f.admin, Map.of("bundle", "name: x\n"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asText()).contains("blueprint.yaml:1:1");
        r = f.call("POST", "/api/v1/teams", f.admin, "x".repeat(3 << 20));
        assertThat(r.status()).isEqualTo(413);
    }
}

package io.jiti.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random JSON at every endpoint that takes a body: always an answer below 500, a 4xx naming a field when refused. */
class RandomInputIT {
    private static final List<String> FIELDS = List.of("name", "team", "role", "template", "bundle", "draft", "inputs",
            "labels", "provider", "environment", "components", "environments", "target", "status", "version", "ttlDays",
            "cel", "message", "effect", "waves", "parallel", "settleSeconds", "preview", "url", "branches", "path",
            "pollSeconds", "stages", "ref", "to", "publish");
    private static final List<String> PATHS = List.of("/api/v1/teams", "/api/v1/users", "/api/v1/users/admin/tokens",
            "/api/v1/templates", "/api/v1/templates/web-api/1.0/status", "/api/v1/templates/x/1.0/publish",
            "/api/v1/environments", "/api/v1/entitlements", "/api/v1/services", "/api/v1/services/orders/instances",
            "/api/v1/services/orders/instances/test", "/api/v1/rollbacks", "/api/v1/deployments/1/retry",
            "/api/v1/deployments/1/cancel", "/api/v1/policies", "/api/v1/upgrades", "/api/v1/services/orders/releases",
            "/api/v1/services/orders/rollback", "/api/v1/services/orders/releases/1/approve",
            "/api/v1/services/orders/releases/v1/reject", "/hooks/github/orders", "/hooks/gitlab/orders", "/hooks/github/templates/platform",
            "/api/v1/template-sources/platform/poll");
    private static final List<String> PUTS = List.of("/api/v1/services/orders/source", "/api/v1/services/orders/pipeline",
            "/api/v1/template-sources/platform");
    private static Path home;
    private static ServerFixture f;

    @BeforeContainer
    static void start() throws Exception {
        home = Files.createTempDirectory("jiti-random");
        f = new ServerFixture(home);
        f.standardSetup();
    }

    @AfterContainer
    static void stop() throws Exception {
        f.close();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Object> value() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.strings().ofMaxLength(40),
                () -> Arbitraries.of("shop", "test", "web-api@1", "shared-env@1", "developer", "1.0", "instance/orders/test",
                        "published", "a--b", "", " ", "true", "web-api@1.0", "web-api@1.1", "particles.all(p, p.type != 'x')", "deny", "warn"),
                () -> Arbitraries.integers(),
                () -> Arbitraries.of(true, false),
                () -> Arbitraries.just(null),
                () -> value().list().ofMaxSize(3).map(l -> (Object) l),
                () -> Arbitraries.maps(Arbitraries.of(FIELDS), value()).ofMaxSize(3).map(m -> (Object) m));
    }

    @Provide
    Arbitrary<Map<String, Object>> body() {
        return Arbitraries.maps(Arbitraries.of(FIELDS), value()).ofMaxSize(6);
    }

    @Property(tries = 300)
    void neverA500(@ForAll("body") Map<String, Object> body) {
        for (String path : PATHS) {
            var r = f.call("POST", path, f.admin, new java.util.HashMap<>(body));
            assertThat(r.status()).as(path + " " + body + " -> " + r.text()).isLessThan(500);
            if (r.status() >= 400 && r.status() != 404 && r.status() != 409) {
                assertThat(r.type()).startsWith("application/problem+json");
                assertThat(r.json().has("field")).as(path + " " + body + " -> " + r.text()).isTrue();
            }
        }
    }

    @Property(tries = 200)
    void neverA500ForPuts(@ForAll("body") Map<String, Object> body) {
        for (String path : PUTS) {
            var r = f.call("PUT", path, f.admin, new java.util.HashMap<>(body));
            assertThat(r.status()).as(path + " " + body + " -> " + r.text()).isLessThan(500);
            if (r.status() >= 400 && r.status() != 404 && r.status() != 409) {
                assertThat(r.json().has("field")).as(path + " " + body + " -> " + r.text()).isTrue();
            }
        }
    }

    @Property(tries = 100)
    void neverA500ForText(@ForAll("value") Object any) {
        for (String path : PATHS) {
            var r = f.call("POST", path, f.admin, String.valueOf(any));
            assertThat(r.status()).as(path + " " + any + " -> " + r.text()).isLessThan(500);
        }
    }

    @Property(tries = 200)
    void neverA500ForQueries(@ForAll("value") Object a, @ForAll("value") Object b) {
        String x = java.net.URLEncoder.encode(String.valueOf(a), java.nio.charset.StandardCharsets.UTF_8);
        String y = java.net.URLEncoder.encode(String.valueOf(b), java.nio.charset.StandardCharsets.UTF_8);
        for (String path : List.of("/api/v1/metrics?target=" + x + "&window=" + y, "/api/v1/metrics?target=instance/orders/test&window=" + y,
                "/api/v1/deployments?target=" + x + "&limit=" + y, "/api/v1/inventory?after=" + x + "&limit=" + y,
                "/api/v1/audit?before=" + x)) {
            var r = f.call("GET", path, f.admin, null);
            assertThat(r.status()).as(path + " -> " + r.text()).isLessThan(500);
            if (r.status() == 400) {
                assertThat(r.json().has("field")).as(path + " -> " + r.text()).isTrue();
            }
        }
    }
}

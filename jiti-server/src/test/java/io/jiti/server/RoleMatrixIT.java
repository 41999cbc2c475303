package io.jiti.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Role × team × endpoint: each caller (an admin, a developer of the owning team, a developer of another team,
 * a viewer, no token) against every endpoint; the allowed get past authorization, the others get 403 (401
 * without a token), and a refusal changes nothing.
 */
class RoleMatrixIT {
    private static final List<String> CALLERS = List.of("none", "vic", "olga", "dana", "admin");
    private final AtomicInteger unique = new AtomicInteger();

    record Endpoint(String method, String path, Supplier<Object> body, Set<String> allowed) {
    }

    @Test
    void everyEndpointDecidesByRoleAndTeam(@TempDir Path home) {
        try (ServerFixture f = new ServerFixture(home)) {
            Map<String, String> tokens = f.standardSetup();
            long instanceDeployment = f.ended(ServerFixture.ok(f.call("POST", "/api/v1/services/orders/instances",
                    tokens.get("dana"), Map.of("environment", "test"))).json().get("id").asLong()).get("id").asLong();
            long envDeployment = f.call("GET", "/api/v1/deployments?target=environment/test", f.admin, null).json()
                    .get("items").get(0).get("id").asLong();
            Set<String> all = Set.of("vic", "olga", "dana", "admin");
            Set<String> admin = Set.of("admin");
            Set<String> owners = Set.of("dana", "admin");
            List<Endpoint> endpoints = List.of(
                    new Endpoint("GET", "/api/v1/whoami", () -> null, all),
                    new Endpoint("GET", "/api/v1/teams", () -> null, all),
                    new Endpoint("POST", "/api/v1/teams", () -> Map.of("name", "t" + unique.incrementAndGet()), admin),
                    new Endpoint("GET", "/api/v1/users", () -> null, admin),
                    new Endpoint("POST", "/api/v1/users", () -> Map.of("name", "u" + unique.incrementAndGet(),
                            "role", "viewer"), admin),
                    new Endpoint("POST", "/api/v1/users/vic/tokens", () -> Map.of(), Set.of("vic", "admin")),
                    new Endpoint("GET", "/api/v1/templates", () -> null, all),
                    new Endpoint("POST", "/api/v1/templates", () -> Map.of("bundle",
                            ServerFixture.template("web-api-1.1.yaml"), "draft", true), admin),
                    new Endpoint("POST", "/api/v1/templates/web-api/1.0/status", () -> Map.of("status", "published"), admin),
                    new Endpoint("GET", "/api/v1/environments", () -> null, all),
                    new Endpoint("GET", "/api/v1/environments/test", () -> null, all),
                    new Endpoint("POST", "/api/v1/environments", () -> Map.of("name", "e" + unique.incrementAndGet(),
                            "template", "shared-env@1"), admin),
                    new Endpoint("GET", "/api/v1/entitlements", () -> null, all),
                    new Endpoint("POST", "/api/v1/entitlements", () -> Map.of("team", "shop", "template", "web-api@1"), admin),
                    new Endpoint("GET", "/api/v1/services", () -> null, all),
                    new Endpoint("POST", "/api/v1/services", () -> Map.of("name", "s" + unique.incrementAndGet(),
                            "template", "web-api@1", "team", "shop"), owners),
                    new Endpoint("GET", "/api/v1/instances", () -> null, all),
                    new Endpoint("GET", "/api/v1/services/orders/instances/test", () -> null, all),
                    new Endpoint("POST", "/api/v1/services/orders/instances", () -> Map.of("environment", "test"), owners),
                    new Endpoint("POST", "/api/v1/services/orders/instances/test", () -> Map.of(), owners),
                    new Endpoint("GET", "/api/v1/deployments", () -> null, all),
                    new Endpoint("GET", "/api/v1/deployments/" + instanceDeployment, () -> null, all),
                    new Endpoint("POST", "/api/v1/deployments/" + instanceDeployment + "/retry", () -> null, owners),
                    new Endpoint("POST", "/api/v1/deployments/" + instanceDeployment + "/cancel", () -> null, owners),
                    new Endpoint("POST", "/api/v1/deployments/" + envDeployment + "/retry", () -> null, admin),
                    new Endpoint("POST", "/api/v1/rollbacks", () -> Map.of("target", "instance/orders/test"), owners),
                    new Endpoint("POST", "/api/v1/rollbacks", () -> Map.of("target", "environment/test"), admin),
                    new Endpoint("GET", "/api/v1/inventory", () -> null, all),
                    new Endpoint("POST", "/api/v1/upgrades", () -> Map.of("version", "web-api@1.0", "preview", true), admin),
                    new Endpoint("POST", "/api/v1/upgrades", () -> Map.of("version", "web-api@1.0"), admin),
                    new Endpoint("GET", "/api/v1/campaigns", () -> null, all),
                    new Endpoint("GET", "/api/v1/campaigns/1", () -> null, all),
                    new Endpoint("GET", "/api/v1/policies", () -> null, all),
                    new Endpoint("POST", "/api/v1/policies", () -> Map.of("name", "p" + unique.incrementAndGet(),
                            "cel", "true", "message", "always", "effect", "warn"), admin),
                    new Endpoint("DELETE", "/api/v1/policies/none", () -> null, admin),
                    new Endpoint("GET", "/api/v1/metrics?target=instance/orders/test&window=15m", () -> null, all),
                    new Endpoint("DELETE", "/api/v1/environments/none", () -> null, admin),
                    new Endpoint("DELETE", "/api/v1/services/orders/instances/none", () -> null, owners),
                    new Endpoint("GET", "/api/v1/audit", () -> null, admin),
                    new Endpoint("PUT", "/api/v1/services/orders/source", () -> Map.of("url", home.resolve("none.git")
                            .toString(), "branches", Map.of("main", "test"), "pollSeconds", 0), owners),
                    new Endpoint("GET", "/api/v1/services/orders/source", () -> null, all),
                    new Endpoint("POST", "/api/v1/services/orders/source/rotate-secret", () -> null, owners),
                    new Endpoint("POST", "/api/v1/services/orders/source/poll", () -> null, all),
                    new Endpoint("GET", "/api/v1/services/orders/releases", () -> null, all),
                    new Endpoint("GET", "/api/v1/services/orders/releases/test/1", () -> null, all),
                    new Endpoint("POST", "/api/v1/services/orders/releases", () -> Map.of("environment", "test",
                            "ref", "a".repeat(40)), owners),
                    new Endpoint("POST", "/api/v1/services/orders/rollback", () -> Map.of("environment", "test"), owners),
                    new Endpoint("PUT", "/api/v1/services/orders/pipeline", () -> Map.of("stages", List.of(Map.of("name",
                            "only", "environments", List.of("test")))), admin),
                    new Endpoint("GET", "/api/v1/services/orders/pipeline", () -> null, all),
                    new Endpoint("GET", "/api/v1/services/orders/deliveries", () -> null, all),
                    new Endpoint("DELETE", "/api/v1/services/orders/source", () -> null, owners),
                    new Endpoint("PUT", "/api/v1/template-sources/platform", () -> Map.of("url", home.resolve("t.git")
                            .toString(), "pollSeconds", 0), admin),
                    new Endpoint("GET", "/api/v1/template-sources/platform", () -> null, all),
                    new Endpoint("POST", "/api/v1/template-sources/platform/poll", () -> null, all),
                    new Endpoint("GET", "/api/v1/template-sources/platform/deliveries", () -> null, all));
            List<String> wrong = new ArrayList<>();
            int checked = 0;
            for (Endpoint e : endpoints) {
                for (String who : CALLERS) {
                    int before = f.call("GET", "/api/v1/audit?limit=1", f.admin, null).json().get("items").get(0)
                            .get("id").asInt();
                    var r = f.call(e.method(), e.path(), tokens.get(who), e.body().get());
                    checked++;
                    boolean allowed = e.allowed().contains(who);
                    boolean ok = allowed ? r.status() != 401 && r.status() != 403 && r.status() < 500
                            : r.status() == (who.equals("none") ? 401 : 403);
                    if (!ok) {
                        wrong.add(who + " " + e.method() + " " + e.path() + " -> " + r.status() + " " + r.text());
                    }
                    if (!allowed && !e.method().equals("GET")) {
                        // entries since the call, but the platform's own (a release driver ending a release meanwhile)
                        for (var entry : f.call("GET", "/api/v1/audit?limit=20", f.admin, null).json().get("items")) {
                            if (entry.get("id").asInt() > before && !entry.get("actor").asText().equals("jiti")
                                    && !entry.get("result").asText().equals("denied")) {
                                wrong.add(who + " " + e.method() + " " + e.path() + " changed something: " + entry);
                            }
                        }
                    }
                }
            }
            assertThat(wrong).isEmpty();
            assertThat(checked).isEqualTo(endpoints.size() * CALLERS.size());
        }
    }
}

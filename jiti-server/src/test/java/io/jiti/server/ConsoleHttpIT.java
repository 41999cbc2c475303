package io.jiti.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over plain HTTP: sign-in, the cookie's flags, CSRF, roles, a revoked token ending the
 * session, no open redirect, security headers, and random input never answered with a 500.
 */
class ConsoleHttpIT {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path home;

    @Test
    void signInSessionsCsrfAndRoles() throws Exception {
        try (ServerFixture f = new ServerFixture(home)) {
            Map<String, String> tokens = f.standardSetup();
            String base = f.server.url();

            HttpResponse<String> anonymous = get(base + "/console/deployments/1", null);
            assertThat(anonymous.statusCode()).isEqualTo(303);
            assertThat(anonymous.headers().firstValue("Location")).hasValue("/console/login?next=%2Fconsole%2Fdeployments%2F1");
            HttpResponse<String> login = get(base + "/console/login", null);
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");

            HttpResponse<String> wrong = post(base + "/console/login", null, Map.of("token", "jiti_nope", "next", "/console"));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("That token is unknown, expired or revoked.");
            HttpResponse<String> offsite = post(base + "/console/login", null, Map.of("token", tokens.get("dana"),
                    "next", "//evil.example/x"));
            assertThat(offsite.headers().firstValue("Location")).hasValue("/console");
            String setCookie = offsite.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setCookie).startsWith("jiti_session=").contains("HttpOnly").contains("SameSite=Strict")
                    .contains("Path=/console");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));

            HttpResponse<String> inventory = get(base + "/console", cookie);
            assertThat(inventory.statusCode()).isEqualTo(200);
            assertThat(inventory.body()).contains("environment/test").contains("dana (developer)");
            String csrf = csrf(inventory.body());

            int deployments = f.call("GET", "/api/v1/deployments", f.admin, null).json().get("items").size();
            assertThat(post(base + "/console/rollback", cookie, Map.of("target", "environment/test")).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> forged = post(base + "/console/rollback", cookie, Map.of("target", "environment/test",
                    "csrf", "x" + csrf.substring(1)));
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("CSRF token missing or wrong");
            HttpResponse<String> developerRollsBackEnvironment = post(base + "/console/rollback", cookie,
                    Map.of("target", "environment/test", "csrf", csrf));
            assertThat(developerRollsBackEnvironment.statusCode()).isEqualTo(403);
            assertThat(developerRollsBackEnvironment.body()).contains("only an admin");
            assertThat(f.call("GET", "/api/v1/deployments", f.admin, null).json().get("items").size()).isEqualTo(deployments);
            assertThat(get(base + "/console/audit", cookie).statusCode()).isEqualTo(403);

            // deleting is typed out: the wrong name is refused, the right one queues the deletion
            ServerFixture.ok(f.call("POST", "/api/v1/services/orders/instances", tokens.get("dana"),
                    Map.of("environment", "test")));
            HttpResponse<String> unconfirmed = post(base + "/console/services/orders/instances/test/delete", cookie,
                    Map.of("csrf", csrf, "confirm", "order"));
            assertThat(unconfirmed.statusCode()).isEqualTo(400);
            assertThat(unconfirmed.body()).contains("type orders to confirm the deletion");
            HttpResponse<String> deleting = post(base + "/console/services/orders/instances/test/delete", cookie,
                    Map.of("csrf", csrf, "confirm", "orders"));
            assertThat(deleting.statusCode()).isEqualTo(303);
            long deletion = Long.parseLong(deleting.headers().firstValue("Location").orElseThrow().replaceAll("\\D", ""));
            assertThat(f.ended(deletion).get("status").asText()).isEqualTo("succeeded");
            assertThat(f.call("GET", "/api/v1/services/orders/instances/test", f.admin, null).status()).isEqualTo(404);
            assertThat(post(base + "/console/environments/test/delete", cookie, Map.of("csrf", csrf, "confirm", "test",
                    "force", "true")).statusCode()).as("only an admin deletes environments").isEqualTo(403);
            assertThat(get(base + "/console/environments/nowhere", cookie).statusCode()).isEqualTo(404);
            assertThat(get(base + "/console/no/such/page", cookie).statusCode()).isEqualTo(404);

            var erin = ServerFixture.ok(f.call("POST", "/api/v1/users", f.admin, Map.of("name", "erin", "team", "shop",
                    "role", "viewer"))).json();
            String erinCookie = post(base + "/console/login", null, Map.of("token", erin.get("secret").asText()))
                    .headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            assertThat(get(base + "/console", erinCookie).statusCode()).isEqualTo(200);
            ServerFixture.ok(f.call("DELETE", "/api/v1/users/erin/tokens/" + erin.get("id").asText(), f.admin, null));
            assertThat(get(base + "/console", erinCookie).statusCode()).as("a revoked token ends its session").isEqualTo(303);

            HttpResponse<String> admin = post(base + "/console/login", null, Map.of("token", f.admin, "next", "/console/audit"));
            assertThat(admin.headers().firstValue("Location")).hasValue("/console/audit");
            String adminCookie = admin.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpResponse<String> audit = get(base + "/console/audit", adminCookie);
            assertThat(audit.statusCode()).isEqualTo(200);
            assertThat(audit.body()).contains("token.revoke").contains("denied").doesNotContain(tokens.get("dana"));
            HttpResponse<String> out = post(base + "/console/logout", adminCookie, Map.of("csrf", csrf(audit.body())));
            assertThat(out.statusCode()).isEqualTo(303);
            assertThat(get(base + "/console", adminCookie).statusCode()).isEqualTo(303);
            assertThat(f.server.console().sessions().size()).as("dana's session is left").isOne();
        }
    }

    @Test
    void randomInputIsNeverA500() throws Exception {
        try (ServerFixture f = new ServerFixture(home)) {
            f.standardSetup();
            String base = f.server.url();
            String cookie = post(base + "/console/login", null, Map.of("token", f.admin)).headers()
                    .firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String csrf = csrf(get(base + "/console", cookie).body());
            Random random = new Random(42);
            List<String> samples = List.of("", " ", "0", "-1", "99999999999999999999", "test", "environment/test",
                    "instance/orders/test", "../../etc/passwd", "%00", "<script>", "a/b/c", "\u00e9\u00e8", "1.0");
            for (int i = 0; i < 300; i++) {
                String a = i % 3 == 0 ? samples.get(random.nextInt(samples.size())) : randomText(random);
                String b = randomText(random);
                String x = URLEncoder.encode(a, StandardCharsets.UTF_8);
                String y = URLEncoder.encode(b, StandardCharsets.UTF_8);
                for (String path : List.of("/console?after=" + x + "&status=" + y + "&team=" + x + "&outdated=" + y,
                        "/console/environments/" + x, "/console/services/" + x + "/instances/" + y,
                        "/console/deployments/" + x, "/console/deployments?before=" + x, "/console/campaigns/" + x,
                        "/console/audit?before=" + y, "/console/static/" + x, "/console/login?next=" + x,
                        "/console/services/" + x, "/console/templates/" + x + "/" + y, "/console/templates/web-api/" + y)) {
                    HttpResponse<String> r = get(base + path, cookie);
                    assertThat(r.statusCode()).as(path + " -> " + r.body()).isLessThan(500);
                }
                for (String path : List.of("/console/rollback", "/console/deployments/" + x + "/retry",
                        "/console/deployments/" + x + "/cancel", "/console/services/orders/instances",
                        "/console/services/" + x + "/instances/" + y + "/deploy",
                        "/console/services/orders/instances/test/deploy", "/console/services/" + x + "/instances/" + y
                                + "/delete", "/console/environments/" + x + "/delete")) {
                    HttpResponse<String> r = post(base + path, cookie, Map.of("csrf", csrf, "target", a, "environment", a,
                            "version", b, "inputs", i % 2 == 0 ? a : "{\"instances\": " + b + "}", "confirm", b));
                    assertThat(r.statusCode()).as(path + " " + a + " -> " + r.body()).isLessThan(500);
                }
            }
        }
    }

    private static String randomText(Random random) {
        int n = random.nextInt(12);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x3000)));
        }
        return b.toString();
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String cookie, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

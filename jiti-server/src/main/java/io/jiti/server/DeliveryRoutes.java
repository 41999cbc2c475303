package io.jiti.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.jiti.platform.Delivery;
import io.jiti.platform.Platform;
import io.jiti.platform.PlatformException;
import io.jiti.platform.model.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Sources, releases, rollbacks, pipelines and approvals under {@code /api/v1/services/{service}}; webhooks under {@code /hooks}. */
final class DeliveryRoutes {
    private static final String S = "/api/v1/services/{service}";

    private DeliveryRoutes() {
    }

    static void register(RoutesConfig r, Platform p) {
        r.put(S + "/source", ctx -> {
            Body b = Body.of(ctx);
            var set = p.sources().set(Auth.caller(ctx), ctx.pathParam("service"), b.text("url"), b.optionalText("path"),
                    b.strings("branches"), number(b, "pollSeconds", 0, 86_400), number(b, "settleSeconds", 0, 3600));
            Map<String, Object> out = new LinkedHashMap<>(DeliveryViews.source(set.source()));
            out.put("webhookSecret", set.webhookSecret());
            ctx.json(out);
        });
        r.get(S + "/source", ctx -> ctx.json(DeliveryViews.source(p.sources().get(Auth.caller(ctx),
                ctx.pathParam("service")))));
        r.delete(S + "/source", ctx -> {
            p.sources().delete(Auth.caller(ctx), ctx.pathParam("service"));
            ctx.status(204);
        });
        r.post(S + "/source/rotate-secret", ctx -> ctx.json(Map.of("webhookSecret",
                p.sources().rotateSecret(Auth.caller(ctx), ctx.pathParam("service")))));
        r.post(S + "/source/poll", ctx -> {
            p.sources().get(Auth.caller(ctx), ctx.pathParam("service"));
            p.pollSource(ctx.pathParam("service"));
            ctx.status(202).json(Map.of("polled", true));
        });
        r.get(S + "/releases", ctx -> {
            var page = p.releases().list(Auth.caller(ctx), ctx.pathParam("service"), ctx.queryParam("environment"),
                    Query.number(ctx, "before", Long.MAX_VALUE, 0), (int) Query.number(ctx, "limit", 1000, 50));
            ctx.json(page(page.items().stream().map(DeliveryViews::release).toList(), page.next()));
        });
        r.get(S + "/releases/{environment}/{number}", ctx -> ctx.json(DeliveryViews.release(p.releases().show(
                Auth.caller(ctx), ctx.pathParam("service"), ctx.pathParam("environment"), release(ctx)))));
        r.post(S + "/releases", ctx -> {
            Body b = Body.of(ctx);
            ctx.status(202).json(DeliveryViews.release(p.releases().deploy(Auth.caller(ctx), ctx.pathParam("service"),
                    b.text("environment"), b.text("ref"))));
        });
        r.post(S + "/rollback", ctx -> {
            Body b = Body.of(ctx);
            Long to = b.number("to", 1, Integer.MAX_VALUE);
            ctx.status(202).json(DeliveryViews.release(p.releases().rollback(Auth.caller(ctx), ctx.pathParam("service"),
                    b.text("environment"), to == null ? null : to.intValue())));
        });
        r.post(S + "/releases/{number}/approve", ctx -> ctx.json(DeliveryViews.release(p.pipelines().approve(
                Auth.caller(ctx), ctx.pathParam("service"), release(ctx), Body.of(ctx).optionalText("environment")))));
        r.post(S + "/releases/{number}/reject", ctx -> ctx.json(DeliveryViews.release(p.pipelines().reject(
                Auth.caller(ctx), ctx.pathParam("service"), release(ctx), Body.of(ctx).optionalText("environment")))));
        r.put(S + "/pipeline", ctx -> ctx.json(DeliveryViews.pipeline(p.pipelines().set(Auth.caller(ctx),
                ctx.pathParam("service"), stages(Body.of(ctx).array("stages"))))));
        r.get(S + "/pipeline", ctx -> ctx.json(p.pipelines().get(Auth.caller(ctx), ctx.pathParam("service"))
                .map(DeliveryViews::pipeline).orElseThrow(() -> PlatformException.notFound("service",
                        "service " + ctx.pathParam("service") + " has no pipeline"))));
        r.get(S + "/deliveries", ctx -> {
            var page = p.delivery().deliveries(Auth.caller(ctx), ctx.pathParam("service"),
                    Query.number(ctx, "before", Long.MAX_VALUE, 0), (int) Query.number(ctx, "limit", 1000, 50));
            ctx.json(page(page.items().stream().map(DeliveryViews::delivery).toList(), page.next()));
        });
        r.put("/api/v1/template-sources/{name}", ctx -> {
            Body b = Body.of(ctx);
            var set = p.templateSync().set(Auth.caller(ctx), ctx.pathParam("name"), b.text("url"),
                    b.optionalText("branch"), b.bool("publish", false), number(b, "pollSeconds", 0, 86_400));
            Map<String, Object> out = new LinkedHashMap<>(DeliveryViews.templateSource(set.source()));
            out.put("webhookSecret", set.webhookSecret());
            ctx.json(out);
        });
        r.get("/api/v1/template-sources/{name}", ctx -> ctx.json(DeliveryViews.templateSource(
                p.templateSync().get(Auth.caller(ctx), ctx.pathParam("name")))));
        r.post("/api/v1/template-sources/{name}/poll", ctx -> {
            var t = p.templateSync().get(Auth.caller(ctx), ctx.pathParam("name"));
            var receipt = p.templateSync().poll(t);
            ctx.status(202).json(receipt.<Map<String, Object>>map(x -> Map.of("result", x.result(), "message",
                    x.message())).orElse(Map.of("result", "unchanged", "message", "the branch has not moved")));
        });
        r.get("/api/v1/template-sources/{name}/deliveries", ctx -> {
            var page = p.templateSync().deliveries(Auth.caller(ctx), ctx.pathParam("name"),
                    Query.number(ctx, "before", Long.MAX_VALUE, 0), (int) Query.number(ctx, "limit", 1000, 50));
            ctx.json(page(page.items().stream().map(DeliveryViews::delivery).toList(), page.next()));
        });
        r.post("/hooks/github/templates/{name}", ctx -> answer(ctx, p.templateSync().gitHub(ctx.pathParam("name"),
                headers(ctx), ctx.bodyAsBytes())));
        r.post("/hooks/github/{service}", ctx -> answer(ctx, p.delivery().gitHub(ctx.pathParam("service"), headers(ctx),
                ctx.bodyAsBytes())));
        r.post("/hooks/gitlab/{service}", ctx -> answer(ctx, p.delivery().gitLab(ctx.pathParam("service"), headers(ctx),
                ctx.bodyAsBytes())));
    }

    private static void answer(Context ctx, Delivery.Receipt receipt) {
        if (receipt.status() >= 400) {
            Problems.write(ctx, receipt.status(), receipt.message(), receipt.status() == 401 ? "signature" : "service");
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", receipt.result());
        out.put("message", receipt.message());
        out.put("releases", receipt.releases());
        ctx.status(receipt.status()).json(out);
    }

    private static Map<String, String> headers(Context ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        ctx.headerMap().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private static int release(Context ctx) {
        return io.jiti.platform.model.Release.number(ctx.pathParam("number")).orElseThrow(() ->
                PlatformException.badInput("number", "a release number, such as 12 or v12"));
    }

    private static Integer number(Body b, String field, long min, long max) {
        Long v = b.number(field, min, max);
        return v == null ? null : v.intValue();
    }

    /** Stages: {@code [{name, environments, approval: {role | team, fourEyes, expiresAfter: "24h"}}]}. */
    static List<Stage> stages(JsonNode array) {
        if (array == null) {
            throw PlatformException.badInput("stages", "stages is a list of {name, environments, approval}");
        }
        List<Stage> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode s = array.get(i);
            String at = "stages[" + i + "]";
            if (!s.isObject() || !s.path("name").isTextual() || !s.path("environments").isArray()) {
                throw PlatformException.badInput("stages", at + " needs name and environments");
            }
            List<String> envs = new ArrayList<>();
            for (JsonNode e : s.get("environments")) {
                if (!e.isTextual()) {
                    throw PlatformException.badInput("stages", at + ".environments is a list of names");
                }
                envs.add(e.asText());
            }
            JsonNode a = s.get("approval");
            if (a == null || a.isNull() || a.isBoolean() && !a.asBoolean()) {
                out.add(new Stage(s.get("name").asText(), envs, false, null, null, false, Duration.ZERO));
                continue;
            }
            if (!a.isObject()) {
                throw PlatformException.badInput("stages", at + ".approval is {role | team, fourEyes, expiresAfter}");
            }
            String role = a.path("role").isTextual() ? a.get("role").asText() : null;
            String team = a.path("team").isTextual() ? a.get("team").asText() : null;
            if (role != null && team != null) {
                throw PlatformException.badInput("stages", at + ".approval names a role or a team, not both");
            }
            out.add(new Stage(s.get("name").asText(), envs, true, team == null && role == null ? "admin" : role, team,
                    a.path("fourEyes").asBoolean(false), ttl(a.path("expiresAfter").asText("24h"), at)));
        }
        return out;
    }

    private static Duration ttl(String text, String at) {
        if (!text.matches("\\d{1,6}[smhd]")) {
            throw PlatformException.badInput("stages", at + ".approval.expiresAfter is N followed by s, m, h or d");
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static Map<String, Object> page(Object items, String next) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("next", next);
        return out;
    }
}

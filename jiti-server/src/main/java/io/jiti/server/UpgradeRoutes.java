package io.jiti.server;

import io.javalin.config.RoutesConfig;
import io.jiti.platform.Platform;
import io.jiti.platform.model.Campaign;
import io.jiti.platform.model.UpgradeTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fleet upgrades: a preview, a campaign, and the campaigns as they go. */
final class UpgradeRoutes {
    private UpgradeRoutes() {
    }

    static void register(RoutesConfig r, Platform p) {
        r.post("/api/v1/upgrades", ctx -> {
            Body b = Body.of(ctx);
            String version = b.text("version");
            List<String> waves = b.list("waves") == null ? List.of() : b.list("waves");
            if (b.bool("preview", false)) {
                ctx.json(Map.of("items", p.upgrades().preview(Auth.caller(ctx), version, waves).stream()
                        .map(UpgradeRoutes::target).toList()));
                return;
            }
            Long parallel = b.number("parallel", 1, 100);
            Long settle = b.number("settleSeconds", 0, 86_400);
            ctx.status(202).json(campaign(p.upgrades().start(Auth.caller(ctx), version, waves,
                    parallel == null ? 1 : parallel.intValue(), Duration.ofSeconds(settle == null ? 30 : settle))));
        });
        r.get("/api/v1/campaigns", ctx -> ctx.json(Map.of("items", p.upgrades().campaigns(Auth.caller(ctx),
                (int) Query.number(ctx, "limit", 1000, 50)).items().stream().map(UpgradeRoutes::campaign).toList())));
        r.get("/api/v1/campaigns/{id}", ctx -> ctx.json(campaign(p.upgrades().campaign(Auth.caller(ctx),
                Query.id(ctx)))));
    }

    private static Map<String, Object> target(UpgradeTarget t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", t.target().toString());
        out.put("wave", t.wave() + 1);
        out.put("from", t.from().toString());
        out.put("to", t.to().toString());
        out.put("changes", t.changes());
        out.put("problem", t.problem());
        return out;
    }

    static Map<String, Object> campaign(Campaign c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("template", c.template());
        out.put("version", c.version().toString());
        out.put("waves", c.waves());
        out.put("parallel", c.parallel());
        out.put("settleSeconds", c.settle().toSeconds());
        out.put("status", c.status());
        out.put("wave", c.wave() + 1);
        out.put("created", c.created());
        out.put("createdBy", c.createdBy());
        out.put("finished", c.finished());
        out.put("message", c.message());
        out.put("items", c.items().stream().map(i -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", i.target().toString());
            m.put("wave", i.wave() + 1);
            m.put("from", i.from().toString());
            m.put("deployment", i.deployment());
            m.put("status", i.status());
            m.put("message", i.message());
            return m;
        }).toList());
        return out;
    }
}

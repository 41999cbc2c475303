package io.jiti.server;

import io.javalin.config.RoutesConfig;
import io.jiti.platform.Platform;
import io.jiti.platform.model.InventoryFilter;
import io.jiti.platform.model.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deployments (list, show, retry, cancel), rollbacks, the inventory, sampled metrics and the audit log. */
final class DeploymentRoutes {
    private DeploymentRoutes() {
    }

    static void register(RoutesConfig r, Platform p) {
        r.get("/api/v1/deployments", ctx -> {
            String target = ctx.queryParam("target");
            var page = p.deployments().list(Auth.caller(ctx), target == null ? null : Target.parse("target", target),
                    Query.number(ctx, "before", Long.MAX_VALUE, 0), (int) Query.number(ctx, "limit", 1000, 50));
            ctx.json(page(page.items().stream().map(d -> Views.deployment(d, false)).toList(), page.next()));
        });
        r.get("/api/v1/deployments/{id}", ctx -> ctx.json(Views.deployment(p.deployments().show(Auth.caller(ctx),
                Query.id(ctx)), true)));
        r.post("/api/v1/deployments/{id}/retry", ctx -> ctx.status(202).json(Views.deployment(
                p.deployments().retry(Auth.caller(ctx), Query.id(ctx)), false)));
        r.post("/api/v1/deployments/{id}/cancel", ctx -> ctx.json(Views.deployment(
                p.deployments().cancel(Auth.caller(ctx), Query.id(ctx)), false)));
        r.post("/api/v1/rollbacks", ctx -> ctx.status(202).json(Views.deployment(p.deployments().rollback(
                Auth.caller(ctx), Target.parse("target", Body.of(ctx).text("target"))), false)));
        r.get("/api/v1/inventory", ctx -> {
            var filter = new InventoryFilter(ctx.queryParam("team"), ctx.queryParam("template"),
                    ctx.queryParam("status"), Query.flag(ctx, "outdated"));
            var page = p.inventory().list(Auth.caller(ctx), filter, ctx.queryParam("after"),
                    (int) Query.number(ctx, "limit", 1000, 50));
            ctx.json(page(page.items(), page.next()));
        });
        r.get("/api/v1/metrics", ctx -> ctx.json(Views.metrics(p.metrics().series(Auth.caller(ctx),
                Target.parse("target", ctx.queryParam("target")), Query.duration(ctx, "window", Duration.ofHours(1))))));
        r.get("/api/v1/audit", ctx -> {
            var page = p.audit().entries(Auth.caller(ctx), Query.number(ctx, "before", Long.MAX_VALUE, 0),
                    (int) Query.number(ctx, "limit", 1000, 50));
            ctx.json(page(page.items(), page.next()));
        });
    }

    private static Map<String, Object> page(Object items, String next) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("next", next);
        return out;
    }
}

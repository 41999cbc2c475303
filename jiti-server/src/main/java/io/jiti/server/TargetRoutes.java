package io.jiti.server;

import io.javalin.config.RoutesConfig;
import io.jiti.platform.Platform;
import io.jiti.platform.deploy.LiveOutputs;
import java.util.LinkedHashMap;
import java.util.Map;

/** Environments, services, instances and entitlements. */
final class TargetRoutes {
    private TargetRoutes() {
    }

    static void register(RoutesConfig r, Platform p) {
        r.get("/api/v1/environments", ctx -> ctx.json(Map.of("items", p.environments().list(Auth.caller(ctx)).stream()
                .map(e -> environment(e, null)).toList())));
        r.post("/api/v1/environments", ctx -> {
            Body b = Body.of(ctx);
            ctx.status(202).json(Views.deployment(p.environments().create(Auth.caller(ctx), b.text("name"),
                    b.text("template"), b.object("inputs"), b.strings("labels"), b.optionalText("provider")), false));
        });
        r.get("/api/v1/environments/{name}", ctx -> {
            var e = p.environments().get(ctx.pathParam("name"));
            ctx.json(environment(e, p.environments().outputs(Auth.caller(ctx), e.name())));
        });
        r.delete("/api/v1/environments/{name}", ctx -> ctx.status(202).json(Views.deployment(p.environments().delete(
                Auth.caller(ctx), ctx.pathParam("name"), Query.flag(ctx, "force")), false)));
        r.get("/api/v1/services", ctx -> ctx.json(Map.of("items", p.services().list(Auth.caller(ctx)))));
        r.post("/api/v1/services", ctx -> {
            Body b = Body.of(ctx);
            ctx.status(201).json(p.services().create(Auth.caller(ctx), b.text("name"), b.text("template"), b.text("team")));
        });
        r.get("/api/v1/instances", ctx -> ctx.json(Map.of("items", p.services().instances(Auth.caller(ctx)).stream()
                .map(i -> instance(i, null)).toList())));
        r.get("/api/v1/services/{service}/instances/{environment}", ctx -> {
            var i = p.services().instance(ctx.pathParam("service"), ctx.pathParam("environment"));
            ctx.json(instance(i, p.services().outputs(Auth.caller(ctx), i.service(), i.environment())));
        });
        r.post("/api/v1/services/{service}/instances", ctx -> {
            Body b = Body.of(ctx);
            ctx.status(202).json(Views.deployment(p.services().createInstance(Auth.caller(ctx), ctx.pathParam("service"),
                    b.text("environment"), b.object("inputs"), b.array("components")), false));
        });
        r.post("/api/v1/services/{service}/instances/{environment}", ctx -> {
            Body b = Body.of(ctx);
            ctx.status(202).json(Views.deployment(p.services().updateInstance(Auth.caller(ctx), ctx.pathParam("service"),
                    ctx.pathParam("environment"), b.optionalText("version"), b.object("inputs"), b.array("components")),
                    false));
        });
        r.delete("/api/v1/services/{service}/instances/{environment}", ctx -> ctx.status(202).json(Views.deployment(
                p.services().deleteInstance(Auth.caller(ctx), ctx.pathParam("service"), ctx.pathParam("environment")),
                false)));
        r.get("/api/v1/entitlements", ctx -> ctx.json(Map.of("items", p.entitlements().list(Auth.caller(ctx),
                ctx.queryParam("team")))));
        r.post("/api/v1/entitlements", ctx -> {
            Body b = Body.of(ctx);
            ctx.json(p.entitlements().entitle(Auth.caller(ctx), b.text("team"), b.text("template"),
                    b.list("environments")));
        });
    }

    private static Map<String, Object> instance(io.jiti.platform.model.Instance i, Map<String, Object> outputs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", i.service());
        out.put("environment", i.environment());
        out.put("version", i.version().toString());
        out.put("inputs", LiveOutputs.masked(i.inputs()));
        out.put("components", i.components());
        out.put("created", i.created());
        if (outputs != null) {
            out.put("outputs", outputs);
        }
        return out;
    }

    private static Map<String, Object> environment(io.jiti.platform.model.Environment e, Map<String, Object> outputs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", e.name());
        out.put("template", e.template());
        out.put("version", e.version().toString());
        out.put("inputs", LiveOutputs.masked(e.inputs()));
        out.put("labels", e.labels());
        out.put("provider", e.provider());
        out.put("protect", e.protect());
        out.put("created", e.created());
        if (outputs != null) {
            out.put("outputs", outputs);
        }
        return out;
    }
}

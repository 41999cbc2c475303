package io.jiti.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.Platform;
import io.jiti.platform.PlatformException;
import io.jiti.platform.model.TemplateStatus;
import java.util.Map;

/** Templates: publish (or upload a draft), list, publish a draft, deprecate or withdraw. */
final class TemplateRoutes {
    private TemplateRoutes() {
    }

    static void register(RoutesConfig r, Platform p) {
        r.get("/api/v1/templates", ctx -> ctx.json(Map.of("items", p.templates().list(Auth.caller(ctx),
                ctx.queryParam("name")).stream().map(v -> Views.template(v, false)).toList())));
        r.post("/api/v1/templates", ctx -> {
            Body b = Body.of(ctx);
            ctx.status(201).json(Views.template(p.templates().publish(Auth.caller(ctx), b.text("bundle"),
                    b.bool("draft", false)), false));
        });
        r.get("/api/v1/templates/{name}/{version}", ctx -> ctx.json(Views.template(p.templates().version(ctx.pathParam("name"),
                version(ctx)), true)));
        r.post("/api/v1/templates/{name}/{version}/publish", ctx -> ctx.json(Views.template(p.templates().publishDraft(
                Auth.caller(ctx), ctx.pathParam("name"), version(ctx)), false)));
        r.post("/api/v1/templates/{name}/{version}/status", ctx -> ctx.json(Views.template(p.templates().setStatus(
                Auth.caller(ctx), ctx.pathParam("name"), version(ctx), TemplateStatus.parse("status",
                        Body.of(ctx).text("status"))), false)));
    }

    /** Guardrail policies, beside the templates they govern. */
    static void registerPolicies(RoutesConfig r, Platform p) {
        r.get("/api/v1/policies", ctx -> ctx.json(Map.of("items", p.policies().list(Auth.caller(ctx)))));
        r.post("/api/v1/policies", ctx -> {
            Body b = Body.of(ctx);
            String effect = b.optionalText("effect");
            if (effect != null && !effect.equals("deny") && !effect.equals("warn")) {
                throw PlatformException.badInput("effect", "effect is deny or warn");
            }
            ctx.status(201).json(p.policies().add(Auth.caller(ctx), b.text("name"), b.text("cel"), b.text("message"),
                    !"warn".equals(effect)));
        });
        r.delete("/api/v1/policies/{name}", ctx -> {
            p.policies().remove(Auth.caller(ctx), ctx.pathParam("name"));
            ctx.status(204);
        });
    }

    private static BlueprintVersion version(Context ctx) {
        return BlueprintVersion.parse(ctx.pathParam("version")).orElseThrow(() -> PlatformException.badInput("version",
                "a template version is MAJOR.MINOR"));
    }
}

package io.jiti.server;

import io.javalin.config.RoutesConfig;
import io.jiti.platform.Platform;
import io.jiti.platform.Role;
import java.time.Duration;
import java.util.Map;

/** Teams, users and tokens. */
final class IdentityRoutes {
    private IdentityRoutes() {
    }

    static void register(RoutesConfig r, Platform p) {
        r.get("/api/v1/whoami", ctx -> {
            var c = Auth.caller(ctx);
            ctx.json(Map.of("user", c.user(), "role", c.role().word(), "team", c.team() == null ? "" : c.team()));
        });
        r.get("/api/v1/teams", ctx -> ctx.json(Map.of("items", p.identity().teams(Auth.caller(ctx)))));
        r.post("/api/v1/teams", ctx -> ctx.status(201).json(p.identity().createTeam(Auth.caller(ctx),
                Body.of(ctx).text("name"))));
        r.get("/api/v1/users", ctx -> ctx.json(Map.of("items", p.identity().users(Auth.caller(ctx)).stream()
                .map(Views::user).toList())));
        r.post("/api/v1/users", ctx -> {
            Body b = Body.of(ctx);
            ctx.status(201).json(p.identity().createUser(Auth.caller(ctx), b.text("name"), b.optionalText("team"),
                    Role.parse(b.text("role"), "role"), ttl(b)));
        });
        r.post("/api/v1/users/{user}/tokens", ctx -> ctx.status(201).json(p.identity().issueToken(Auth.caller(ctx),
                ctx.pathParam("user"), ttl(Body.of(ctx)))));
        r.delete("/api/v1/users/{user}/tokens/{token}", ctx -> {
            p.identity().revokeToken(Auth.caller(ctx), ctx.pathParam("user"), ctx.pathParam("token"));
            ctx.status(204);
        });
    }

    private static Duration ttl(Body b) {
        Long days = b.number("ttlDays", 1, 366);
        return days == null ? null : Duration.ofDays(days);
    }
}

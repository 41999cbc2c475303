package io.jiti.server.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.jiti.platform.Caller;
import io.jiti.platform.Platform;
import io.jiti.platform.PlatformException;
import io.jiti.server.Problems;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web console under {@code /console}: server-rendered pages over the same domain as the API (so every
 * rule is the API's). A browser signs in with an API token and gets a session cookie ({@code HttpOnly},
 * {@code SameSite=Strict}, path {@code /console}); every form it posts carries the session's CSRF token.
 * Pages send a strict Content-Security-Policy (scripts and styles from the console only) and may not be
 * framed.
 */
public final class Console {
    /** The session cookie's name. */
    public static final String COOKIE = "jiti_session";
    /** The cookie that ends a browser's session. */
    private static final String SIGNED_OUT = COOKIE + "=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict";
    private static final String CALLER = "jiti.console.caller";
    private static final String SESSION = "jiti.console.session";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private final Platform platform;
    private final ConsoleSessions sessions;
    private final Pages pages = new Pages();
    private final Clock clock;

    /** A console over {@code platform}, its sessions timed by {@code clock}. */
    public Console(Platform platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
        this.sessions = new ConsoleSessions(clock);
    }

    /** Adds its routes: sign-in, pages, actions and static files; the live log stream is the server's. */
    public void register(RoutesConfig r) {
        r.before("/console", this::guard);
        r.before("/console/*", this::guard);
        r.get("/console/login", ctx -> ctx.html(pages.render("login", login(ctx.queryParam("next"), null))));
        r.post("/console/login", this::signIn);
        r.post("/console/logout", ctx -> {
            sessions.close(session(ctx).id());
            ctx.header("Set-Cookie", SIGNED_OUT);
            ctx.redirect("/console/login", HttpStatus.SEE_OTHER);
        });
        r.get("/console/static/{file}", Static::serve);
        new TargetPages(platform, pages, clock).register(r);
        new RecordPages(platform, pages).register(r);
        new ServicePages(platform, pages).register(r);
        new DeliveryPages(platform, pages).register(r);
    }

    /** The sessions (for tests and the server's figures). */
    public ConsoleSessions sessions() {
        return sessions;
    }

    /** Whether {@code ctx} is a console request (its errors are pages, not problem documents). */
    public static boolean handles(Context ctx) {
        return ctx.path().equals("/console") || ctx.path().startsWith("/console/");
    }

    /** Answers a refusal with an error page. */
    public void error(Context ctx, int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", status + " " + (status == 404 ? "not found" : status == 403 ? "forbidden"
                : status == 409 ? "conflict" : status == 400 ? "bad input" : "error"));
        m.put("message", message);
        ctx.status(status).html(pages.render("error", withUser(ctx, m)));
    }

    /** Answers a refusal of the domain with an error page. */
    public void error(Context ctx, PlatformException e) {
        int status = Problems.status(e);
        if (status == 401) {
            ctx.header("Set-Cookie", SIGNED_OUT);
            ctx.redirect("/console/login", HttpStatus.SEE_OTHER);
            return;
        }
        error(ctx, status, e.getMessage());
    }

    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        String path = ctx.path();
        if (path.equals("/console/login") || path.startsWith("/console/static/")) {
            return;
        }
        var session = sessions.find(ctx.cookie(COOKIE));
        Caller caller = null;
        if (session.isPresent()) {
            try {
                caller = platform.identity().authenticate(session.get().token());
            } catch (PlatformException e) { // revoked, expired, or its user removed: signed out
                sessions.close(session.get().id());
            }
        }
        if (caller == null) {
            if (ctx.method().name().equals("GET")) {
                String next = path + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                ctx.redirect("/console/login?next=" + java.net.URLEncoder.encode(next,
                        java.nio.charset.StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
            } else {
                error(ctx, 401, "sign in first");
            }
            ctx.skipRemainingHandlers();
            return;
        }
        if (!ctx.method().name().equals("GET") && !ConsoleSessions.same(session.get().csrf(), ctx.formParam("csrf"))) {
            error(ctx, 403, "the form is stale or did not come from this console (CSRF token missing or wrong); reload the page");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(CALLER, caller);
        ctx.attribute(SESSION, session.get());
    }

    private void signIn(Context ctx) {
        String token = ctx.formParam("token");
        String next = ctx.formParam("next");
        try {
            platform.identity().authenticate(token == null ? null : token.trim());
        } catch (PlatformException e) {
            ctx.status(401).html(pages.render("login", login(next, "That token is unknown, expired or revoked.")));
            return;
        }
        ConsoleSession s = sessions.open(token.trim());
        ctx.header("Set-Cookie", COOKIE + "=" + s.id() + "; Path=/console; Max-Age="
                + ConsoleSessions.LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict");
        ctx.redirect(Links.safeReturn(next) ? next : "/console", HttpStatus.SEE_OTHER);
    }

    private static Map<String, Object> login(String next, String problem) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Sign in");
        m.put("next", Links.safeReturn(next) ? next : "/console");
        m.put("problem", problem);
        return m;
    }

    /** The signed-in caller of a console request (set by its guard). */
    public static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    static ConsoleSession session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    /** {@code model} with what every page's header shows: the user, role and the CSRF token for its forms. */
    static Map<String, Object> withUser(Context ctx, Map<String, Object> model) {
        Caller c = caller(ctx);
        if (c != null) {
            model.put("user", c.user());
            model.put("role", c.role().word());
            model.put("admin", c.admin());
            model.put("csrf", session(ctx).csrf());
        }
        return model;
    }

    /** How long a chart looks back unless told otherwise. */
    static final Duration WINDOW = Duration.ofHours(1);
}

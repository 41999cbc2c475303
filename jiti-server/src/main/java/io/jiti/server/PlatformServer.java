package io.jiti.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.jiti.blueprints.Registry;
import io.jiti.platform.Platform;
import io.jiti.platform.PlatformException;
import io.jiti.platform.deploy.Guardrail;
import io.jiti.platform.deploy.ProviderSource;
import io.jiti.platform.store.Database;
import io.jiti.server.console.Console;
import io.jiti.spi.ParticleType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The platform server: the domain of jiti-platform behind a REST API under {@code /api/v1} and a web console
 * under {@code /console}, on loopback by default, every request but {@code /health} authenticated (a token;
 * the console's session cookie), a bounded thread pool and queue, bodies at most 2 MiB, API errors as
 * problem documents.
 */
public final class PlatformServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PlatformServer.class.getName());
    private static final String OPENAPI = openApi();
    /** The largest request body. */
    public static final long MAX_BODY = 2L << 20;
    private final ServerHome home;
    private final Database database;
    private final Platform platform;
    private final Javalin app;
    private final DeploymentEvents events;
    private final Console console;
    private final Optional<Path> adminToken;
    private final int resumed;

    /**
     * How a server is started.
     *
     * @param home      {@code JITI_HOME}: the server keeps its lock, embedded database and admin token below it
     * @param host      the address to listen on ({@code 127.0.0.1} by default)
     * @param port      the port (0: any free one)
     * @param database  a JDBC URL, or null for the embedded H2 database
     * @param user      the database user (with {@code database})
     * @param password  its password
     * @param providers where targets run
     * @param types     a provider's types, for template compatibility checks
     * @param workers   how many deployments run at once
     * @param sampling  how often the providers' figures of every target are sampled (zero: never)
     * @param identities the age identities that decrypt sources' config files
     */
    public record Options(Path home, String host, int port, String database, String user, String password,
                          ProviderSource providers, Map<String, ParticleType> types, int workers, Duration sampling,
                          io.jiti.sops.Identities identities) {
    }

    private PlatformServer(Options o) {
        this.home = ServerHome.lock(o.home());
        Database db = null;
        Platform p = null;
        try {
            db = o.database() == null ? Database.embedded(home.dir()) : Database.open(o.database(), o.user(), o.password());
            p = new Platform(new Platform.Settings(db.store(), o.providers(), o.types(),
                    new Registry(List.of(o.home().resolve("blueprints")), PlatformServer.class.getClassLoader()),
                    home.dir().resolve("work"), Guardrail.none(), o.workers(), Clock.systemUTC(), o.sampling(),
                    o.identities()));
            this.adminToken = p.identity().bootstrap().map(home::writeAdminToken);
            this.resumed = p.start();
            this.events = new DeploymentEvents(p);
            this.console = new Console(p, Clock.systemUTC());
            this.app = create(p, events, console).start(o.host(), o.port());
        } catch (RuntimeException e) {
            if (p != null) {
                p.close();
            }
            if (db != null) {
                db.close();
            }
            home.close();
            throw e;
        }
        this.database = db;
        this.platform = p;
    }

    private static String openApi() {
        try (java.io.InputStream in = PlatformServer.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts a server. */
    public static PlatformServer start(Options options) {
        return new PlatformServer(options);
    }

    private static Javalin create(Platform p, DeploymentEvents events, Console console) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            QueuedThreadPool pool = new QueuedThreadPool(32, 4, 60_000, new ArrayBlockingQueue<>(512));
            pool.setName("jiti-server");
            config.jetty.threadPool = pool;
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            config.routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(OPENAPI));
            config.routes.before("/api/*", ctx -> Auth.authenticate(ctx, p.identity()));
            IdentityRoutes.register(config.routes, p);
            TemplateRoutes.register(config.routes, p);
            TemplateRoutes.registerPolicies(config.routes, p);
            TargetRoutes.register(config.routes, p);
            DeploymentRoutes.register(config.routes, p);
            UpgradeRoutes.register(config.routes, p);
            DeliveryRoutes.register(config.routes, p);
            // the stream answers 200 at once: a missing deployment is found before it opens
            config.routes.before("/api/v1/deployments/{id}/events", ctx -> p.deployments().show(Auth.caller(ctx),
                    Query.id(ctx)));
            config.routes.sse("/api/v1/deployments/{id}/events", events::accept);
            console.register(config.routes);
            config.routes.before("/console/deployments/{id}/events", ctx -> p.deployments().show(Console.caller(ctx),
                    Query.id(ctx)));
            config.routes.sse("/console/deployments/{id}/events", events::accept);
            config.routes.exception(PlatformException.class, (e, ctx) -> {
                if (Console.handles(ctx)) {
                    console.error(ctx, e);
                } else {
                    Problems.write(ctx, e);
                }
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.log(Level.WARNING, "request " + ctx.method() + " " + ctx.path() + " failed", e);
                if (Console.handles(ctx)) {
                    console.error(ctx, 500, "the server failed; see its log");
                } else {
                    Problems.write(ctx, 500, "the server failed; see its log", null);
                }
            });
            config.routes.error(404, ctx -> {
                if (Console.handles(ctx)) {
                    if (!String.valueOf(ctx.res().getContentType()).startsWith("text/html")) {
                        console.error(ctx, 404, "no such page: " + ctx.path());
                    }
                } else if (!Problems.TYPE.equals(ctx.res().getContentType())) {
                    Problems.write(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), null);
                }
            });
        });
    }

    /** The URL it serves, {@code http://HOST:PORT}. */
    public String url() {
        String host = app.jettyServer().server().getURI().getHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port();
    }

    /** Its routes, for the tests that check them against the OpenAPI document. */
    java.util.List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name().toLowerCase(java.util.Locale.ROOT) + " " + e.endpoint.path).toList();
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** Where the first admin's token was written, when this start made it. */
    public Optional<Path> adminToken() {
        return adminToken;
    }

    /** How many deployments this start resumed. */
    public int resumed() {
        return resumed;
    }

    /** The web console. */
    public Console console() {
        return console;
    }

    /** The domain behind it. */
    public Platform platform() {
        return platform;
    }

    @Override
    public void close() {
        events.close();
        app.stop();
        platform.close();
        database.close();
        home.close();
    }
}

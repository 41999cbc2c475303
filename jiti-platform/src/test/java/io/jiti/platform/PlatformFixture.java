package io.jiti.platform;

import static org.awaitility.Awaitility.await;

import io.jiti.blueprints.Registry;
import io.jiti.platform.deploy.Guardrail;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.IssuedToken;
import io.jiti.platform.store.Database;
import io.jiti.testkit.InMemoryProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A platform on an embedded database in a directory and an in-memory provider, with its first admin. */
final class PlatformFixture implements AutoCloseable {
    final Path dir;
    final Database database;
    final InMemoryProvider provider = InMemoryProvider.instant();
    final MutableClock clock = new MutableClock();
    final Platform platform;
    final IssuedToken adminToken;
    final Caller admin;

    PlatformFixture(Path dir) {
        this(dir, Database.embedded(dir), Guardrail.none());
    }

    PlatformFixture(Path dir, Database database, Guardrail guardrail) {
        this.dir = dir;
        this.database = database;
        this.platform = open(guardrail);
        platform.start();
        this.adminToken = platform.identity().bootstrap().orElseThrow();
        this.admin = platform.identity().authenticate(adminToken.secret());
    }

    Platform open(Guardrail guardrail) {
        return new Platform(new Platform.Settings(database.store(), id -> provider, provider.types(),
                new Registry(List.of(), PlatformFixture.class.getClassLoader()), dir.resolve("work"), guardrail, 2, clock, java.time.Duration.ZERO,
                io.jiti.sops.Identities.none()));
    }

    static String template(String file) {
        try (InputStream in = PlatformFixture.class.getResourceAsStream("/templates/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The deployment once it has ended. */
    Deployment ended(long id) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> platform.deployments().show(admin, id).status().ended());
        return platform.deployments().show(admin, id);
    }

    /** shared-env 1.0 and web-api 1.0 published, environments test and prod deployed, team shop with a developer. */
    Caller standardSetup() {
        platform.templates().publish(admin, template("shared-env-1.0.yaml"), false);
        platform.templates().publish(admin, template("web-api-1.0.yaml"), false);
        for (String env : List.of("test", "prod")) {
            Deployment d = platform.environments().create(admin, env, "shared-env@1", null, null, null);
            ended(d.id());
        }
        platform.identity().createTeam(admin, "shop");
        IssuedToken dev = platform.identity().createUser(admin, "dana", "shop", Role.DEVELOPER, null);
        platform.entitlements().entitle(admin, "shop", "web-api@1", List.of("test"));
        return platform.identity().authenticate(dev.secret());
    }

    /** What the provider holds of {@code particle} in {@code stack}. */
    io.jiti.spi.Observed live(String stack, String particle) {
        return new io.jiti.engine.Reconciler(provider, io.jiti.engine.ApplyListener.none(),
                io.jiti.engine.ApplyOptions.defaults()).observe(stack).get(particle);
    }

    @Override
    public void close() {
        platform.close();
        database.close();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-28T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package io.jiti.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.PlatformException.Reason;
import io.jiti.platform.model.AuditEntry;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.InventoryFilter;
import io.jiti.platform.model.InventoryRow;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.TemplateStatus;
import io.jiti.platform.store.Database;
import io.jiti.testkit.Failure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTest {
    @TempDir
    Path dir;
    PlatformFixture f;

    @BeforeEach
    void open() {
        f = new PlatformFixture(dir, database(dir), io.jiti.platform.deploy.Guardrail.none());
    }

    /** The database the platform runs on: embedded H2 here. */
    Database database(Path dir) {
        return Database.embedded(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static Reason reason(Throwable t) {
        return ((PlatformException) t).reason();
    }

    @Test
    void aDeveloperDeploysAnInstanceBoundToItsEnvironmentsOutputs() {
        Caller dana = f.standardSetup();
        f.platform.services().create(dana, "orders", "web-api@1", "shop");
        Deployment d = f.ended(f.platform.services().createInstance(dana, "orders", "test", Map.of("instances", 2), null).id());

        assertThat(d.status()).as(d.log()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.plan()).contains("create orders.app (service)");
        var app = f.live("test--orders", "orders.app");
        assertThat(app.spec()).extractingByKey("env").asString()
                .contains("DATABASE_URL=mem://test/shared-env.db/url").contains("QUEUE_URL=mem://test/shared-env.jobs/url");
        assertThat(f.platform.environments().outputs(dana, "test"))
                .containsEntry("dbUrl", "mem://test/shared-env.db/url");
    }

    @Test
    void entitlementsDecideWhereATeamDeploysAndRefusalsAreAudited() {
        Caller dana = f.standardSetup();
        f.platform.services().create(dana, "orders", "web-api@1", "shop");

        assertThatThrownBy(() -> f.platform.services().createInstance(dana, "orders", "prod", null, null))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.FORBIDDEN))
                .hasMessageContaining("team shop may not deploy web-api@1 to prod (entitled to: test)");
        assertThat(f.platform.services().instances(f.admin)).isEmpty();
        List<AuditEntry> audit = f.platform.audit().entries(f.admin, 0, 10).items();
        assertThat(audit.get(0)).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::target, AuditEntry::result)
                .containsExactly("dana", "instance.create", "instance/orders/prod", "denied");

        f.platform.identity().createTeam(f.admin, "other");
        assertThatThrownBy(() -> f.platform.services().create(dana, "x", "web-api@1", "other"))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.FORBIDDEN));
        assertThatThrownBy(() -> f.platform.services().create(f.admin, "x", "web-api@1", "other"))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.FORBIDDEN))
                .hasMessageContaining("team other is not entitled to web-api@1");
        assertThatThrownBy(() -> f.platform.audit().entries(dana, 0, 10))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.FORBIDDEN));
    }

    @Test
    void publishingChecksCompatibilityAndContracts() {
        f.platform.templates().publish(f.admin, PlatformFixture.template("shared-env-1.0.yaml"), false);
        f.platform.templates().publish(f.admin, PlatformFixture.template("web-api-1.0.yaml"), false);

        assertThatThrownBy(() -> f.platform.templates().publish(f.admin, PlatformFixture.template("web-api-1.0.yaml"), false))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CONFLICT))
                .hasMessageContaining("web-api@1.0 is published; a change is a new minor version");
        assertThatThrownBy(() -> f.platform.templates().publish(f.admin,
                PlatformFixture.template("web-api-1.2-incompatible.yaml"), false))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CONFLICT))
                .hasMessageContaining("not a compatible minor of web-api@1.0").hasMessageContaining("instances");
        assertThatThrownBy(() -> f.platform.templates().publish(f.admin,
                PlatformFixture.template("web-api-2.0-unmet.yaml"), false))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CONFLICT))
                .hasMessage("web-api@2.0 requires environment.cacheUrl (string); shared-env@1.0 does not provide it");

        // a draft is uploaded freely, again and again, and published after the same checks
        var draft = f.platform.templates().publish(f.admin, PlatformFixture.template("web-api-2.0-unmet.yaml"), true);
        assertThat(draft.status()).isEqualTo(TemplateStatus.DRAFT);
        assertThatThrownBy(() -> f.platform.templates().publishDraft(f.admin, "web-api", new BlueprintVersion(2, 0)))
                .hasMessageContaining("does not provide it");
        assertThat(f.platform.templates().recommended("web-api", 2)).isEmpty();
        assertThat(f.platform.templates().list(f.admin, "web-api")).extracting(v -> v.version() + " " + v.status().word())
                .containsExactly("1.0 published", "2.0 draft");
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> f.platform.templates().publish(f.admin, "name: x\nversion: 1\n", false))
                .satisfies(e -> assertThat(((PlatformException) e).field()).isEqualTo("bundle"))
                .hasMessageContaining("blueprint.yaml:");
        assertThatThrownBy(() -> f.platform.environments().create(f.admin, "Bad Name", "shared-env@1", null, null, null))
                .satisfies(e -> assertThat(((PlatformException) e).field()).isEqualTo("name"));
        f.platform.templates().publish(f.admin, PlatformFixture.template("shared-env-1.0.yaml"), false);
        assertThatThrownBy(() -> f.platform.environments().create(f.admin, "test", "shared-env@1",
                Map.of("databases", "not-a-list"), null, null))
                .satisfies(e -> assertThat(((PlatformException) e).field()).isEqualTo("inputs"));
        assertThatThrownBy(() -> f.platform.environments().create(f.admin, "test", "shared-env@1", null, null, "mars"))
                .satisfies(e -> assertThat(((PlatformException) e).field()).isEqualTo("provider"))
                .hasMessageContaining("allowed: local");
        assertThat(f.platform.environments().list(f.admin)).isEmpty();
        assertThat(f.platform.deployments().list(f.admin, null, 0, 10).items()).isEmpty();
    }

    @Test
    void aFailedDeploymentIsRetriedAndAnInstanceRolledBack() {
        Caller dana = f.standardSetup();
        f.platform.services().create(dana, "orders", "web-api@1", "shop");
        f.provider.inject(new Failure("orders.app", "create", 1, false));
        Deployment failed = f.ended(f.platform.services().createInstance(dana, "orders", "test", null, null).id());
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(failed.message()).contains("orders.app");

        Deployment retried = f.ended(f.platform.deployments().retry(dana, failed.id()).id());
        assertThat(retried.status()).as(retried.log()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(retried.cause()).isEqualTo("retry");

        f.platform.templates().publish(f.admin, PlatformFixture.template("web-api-1.1.yaml"), false);
        InventoryRow row = f.platform.inventory().list(dana, new InventoryFilter(null, null, null, true), null, 10)
                .items().get(0);
        assertThat(row).extracting(InventoryRow::target, InventoryRow::version, InventoryRow::latest, InventoryRow::outdated)
                .containsExactly("instance/orders/test", "1.0", "1.1", true);

        Deployment upgraded = f.ended(f.platform.services().updateInstance(dana, "orders", "test", "1.1", null, null).id());
        assertThat(upgraded.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(f.live("test--orders", "orders.app").spec().toString()).contains("LOG_LEVEL");

        Deployment back = f.ended(f.platform.deployments().rollback(dana, Target.instance("orders", "test")).id());
        assertThat(back.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(back.version()).isEqualTo(new BlueprintVersion(1, 0));
        assertThat(f.live("test--orders", "orders.app").spec().toString()).doesNotContain("LOG_LEVEL");
        assertThat(f.platform.services().instances(dana).get(0).version()).isEqualTo(new BlueprintVersion(1, 0));
    }

    @Test
    void aDeploymentRunningWhenTheServerStoppedIsResumed() {
        Caller dana = f.standardSetup();
        f.platform.services().create(dana, "orders", "web-api@1", "shop");
        f.platform.close(); // its worker stops; the row below stays "running" as after a SIGKILL
        Platform stopped = f.open(io.jiti.platform.deploy.Guardrail.none());
        Deployment queued = f.platform.deployments().queue(f.database.store(), Target.instance("orders", "test"), "web-api",
                new BlueprintVersion(1, 0), Map.of(), null, "create", "dana");
        f.database.store().insertInstance(new io.jiti.platform.model.Instance("orders", "test", new BlueprintVersion(1, 0),
                Map.of(), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode(), f.clock.instant()));
        assertThat(f.database.store().claimNext(f.clock.instant()).orElseThrow().status()).isEqualTo(DeploymentStatus.RUNNING);

        assertThat(stopped.start()).isEqualTo(1);
        try {
            Deployment d = f.ended(queued.id());
            assertThat(d.status()).as(d.log()).isEqualTo(DeploymentStatus.SUCCEEDED);
        } finally {
            stopped.close();
        }
    }

    @Test
    void tokensAreHashedExpireAndAreRevoked() {
        var token = f.platform.identity().createUser(f.admin, "vic", null, Role.VIEWER, java.time.Duration.ofHours(1));
        Caller vic = f.platform.identity().authenticate(token.secret());
        assertThat(vic.role()).isEqualTo(Role.VIEWER);
        assertThat(f.database.store().tokens("vic")).singleElement()
                .satisfies(t -> assertThat(t.hash()).isNotEqualTo(token.secret()).hasSize(64));
        assertThat(token.toString()).doesNotContain(token.secret());

        assertThatThrownBy(() -> f.platform.identity().authenticate(token.secret() + "x"))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNAUTHENTICATED));
        f.clock.advance(java.time.Duration.ofHours(2));
        assertThatThrownBy(() -> f.platform.identity().authenticate(token.secret()))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNAUTHENTICATED));

        var second = f.platform.identity().issueToken(f.admin, "vic", null);
        f.platform.identity().authenticate(second.secret());
        f.platform.identity().revokeToken(vic, "vic", second.id());
        assertThatThrownBy(() -> f.platform.identity().authenticate(second.secret()))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.UNAUTHENTICATED));
        assertThat(f.platform.identity().bootstrap()).isEmpty();
    }

    @Test
    void cancellingAQueuedDeploymentEndsIt() {
        Caller dana = f.standardSetup();
        f.platform.services().create(dana, "orders", "web-api@1", "shop");
        f.platform.close();
        Deployment d = f.platform.services().createInstance(dana, "orders", "test", null, null);
        Deployment cancelled = f.platform.deployments().cancel(dana, d.id());
        assertThat(cancelled.status()).isEqualTo(DeploymentStatus.CANCELLED);
        assertThatThrownBy(() -> f.platform.deployments().cancel(dana, d.id()))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CONFLICT));
        assertThat(f.platform.deployments().retry(dana, d.id()).status()).isEqualTo(DeploymentStatus.QUEUED);
    }
}

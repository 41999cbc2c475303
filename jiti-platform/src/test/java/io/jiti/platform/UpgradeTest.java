package io.jiti.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.model.Campaign;
import io.jiti.platform.model.CampaignItem;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.InventoryFilter;
import io.jiti.platform.model.UpgradeTarget;
import io.jiti.testkit.Failure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradeTest {
    @TempDir
    Path dir;
    PlatformFixture f;
    Caller dana;

    @BeforeEach
    void open() {
        f = new PlatformFixture(dir);
        dana = f.standardSetup();
        f.platform.entitlements().entitle(f.admin, "shop", "web-api@1", List.of("prod"));
        f.platform.services().create(dana, "orders", "web-api@1", "shop");
        for (String env : List.of("test", "prod")) {
            assertThat(f.ended(f.platform.services().createInstance(dana, "orders", env, null, null).id()).status())
                    .isEqualTo(DeploymentStatus.SUCCEEDED);
        }
        f.platform.templates().publish(f.admin, PlatformFixture.template("web-api-1.1.yaml"), false);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private Campaign ended(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !f.platform.upgrades().campaign(f.admin, id).status()
                .equals("running"));
        return f.platform.upgrades().campaign(f.admin, id);
    }

    @Test
    void aPreviewShowsEachTargetsPlanAndTheCampaignGoesWaveByWave() {
        List<UpgradeTarget> preview = f.platform.upgrades().preview(f.admin, "web-api@1.1", List.of("test", "prod"));
        assertThat(preview).extracting(t -> t.target().toString() + " wave " + t.wave() + " " + t.from() + "->" + t.to())
                .containsExactly("instance/orders/test wave 0 1.0->1.1", "instance/orders/prod wave 1 1.0->1.1");
        assertThat(preview.get(0).changes()).containsExactly("update orders.app");
        assertThat(f.platform.upgrades().preview(f.admin, "web-api@1.1", List.of("test"))).hasSize(1);

        Campaign c = ended(f.platform.upgrades().start(f.admin, "web-api@1.1", List.of("test", "prod"), 1,
                Duration.ZERO).id());
        assertThat(c.status()).as(c.message()).isEqualTo("succeeded");
        assertThat(c.items()).extracting(CampaignItem::status).containsOnly("done");
        long testDeployment = c.items().stream().filter(i -> i.target().environment().equals("test")).findFirst()
                .orElseThrow().deployment();
        long prodDeployment = c.items().stream().filter(i -> i.target().environment().equals("prod")).findFirst()
                .orElseThrow().deployment();
        assertThat(f.platform.deployments().show(f.admin, prodDeployment).started())
                .isAfterOrEqualTo(f.platform.deployments().show(f.admin, testDeployment).finished());
        assertThat(f.platform.services().instances(f.admin)).extracting(i -> i.version().toString()).containsOnly("1.1");
        assertThat(f.platform.inventory().list(f.admin, new InventoryFilter(null, null, null, true), null, 10).items())
                .isEmpty();
        assertThatThrownBy(() -> f.platform.upgrades().start(f.admin, "web-api@1.1", List.of(), 1, Duration.ZERO))
                .hasMessageContaining("nothing to upgrade");
    }

    @Test
    void aBrokenVersionStopsTheCampaignAndRollsTheFailedTargetBack() {
        ended(f.platform.upgrades().start(f.admin, "web-api@1.1", List.of(), 2, Duration.ZERO).id());
        f.platform.templates().publish(f.admin, PlatformFixture.template("web-api-1.1.yaml").replace("\"1.1\"", "\"1.2\"")
                .replace("LOG_LEVEL: \"{{ logLevel }}\"", "LOG_LEVEL: \"{{ logLevel }}\"\n        FEATURE: \"on\""), false);
        f.provider.inject(new Failure("orders.app", "update", 1, false));

        Campaign c = ended(f.platform.upgrades().start(f.admin, "web-api@1.2", List.of("test", "prod"), 1,
                Duration.ZERO).id());
        assertThat(c.status()).isEqualTo("failed");
        assertThat(c.message()).startsWith("stopped in wave 1: instance/orders/test (deployment ")
                .contains("rolled back instance/orders/test");
        assertThat(c.items()).extracting(i -> i.target().environment() + " " + i.status())
                .containsExactly("test rolled-back", "prod pending");
        long rollback = c.items().get(0).deployment();
        assertThat(f.ended(rollback).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(f.ended(rollback).version()).isEqualTo(new BlueprintVersion(1, 1));
        assertThat(f.platform.services().instances(f.admin)).extracting(i -> i.version().toString()).containsOnly("1.1");
        assertThat(f.live("test--orders", "orders.app").spec().toString()).doesNotContain("FEATURE");
    }

    @Test
    void onlyAdminsUpgradeFleets() {
        assertThatThrownBy(() -> f.platform.upgrades().preview(dana, "web-api@1.1", List.of()))
                .satisfies(e -> assertThat(((PlatformException) e).reason()).isEqualTo(PlatformException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> f.platform.upgrades().start(f.admin, "web-api@1", List.of(), 1, Duration.ZERO))
                .satisfies(e -> assertThat(((PlatformException) e).field()).isEqualTo("version"));
        assertThatThrownBy(() -> f.platform.upgrades().start(f.admin, "web-api@1.1", List.of("nowhere"), 1, Duration.ZERO))
                .satisfies(e -> assertThat(((PlatformException) e).field()).isEqualTo("waves"));
    }

    @Test
    void aCampaignGoesOnAfterARestartAndEveryDeploymentItMakesIsAudited() {
        long id = f.platform.upgrades().start(f.admin, "web-api@1.1", List.of("test", "prod"), 1, Duration.ofMinutes(10))
                .id();
        await().atMost(Duration.ofSeconds(30)).until(() -> item(f.platform, id, "test").status().equals("settling"));
        f.platform.close(); // the server stops while wave 1 settles
        Platform restarted = f.open(io.jiti.platform.deploy.Guardrail.none());
        restarted.start();
        try {
            f.clock.advance(Duration.ofMinutes(11));
            await().atMost(Duration.ofSeconds(30)).until(() -> item(restarted, id, "prod").status().equals("settling"));
            f.clock.advance(Duration.ofMinutes(11));
            await().atMost(Duration.ofSeconds(30)).until(() -> !restarted.upgrades().campaign(f.admin, id).status()
                    .equals("running"));
            Campaign c = restarted.upgrades().campaign(f.admin, id);
            assertThat(c.status()).as(c.message()).isEqualTo("succeeded");
            assertThat(restarted.audit().entries(f.admin, 0, 50).items())
                    .filteredOn(e -> e.action().equals("campaign.deploy"))
                    .extracting(e -> e.target() + " " + e.actor())
                    .containsExactlyInAnyOrder("instance/orders/test admin", "instance/orders/prod admin");
        } finally {
            restarted.close();
        }
    }

    private static CampaignItem item(Platform p, long campaign, String environment) {
        return p.upgrades().campaign(null, campaign).items().stream()
                .filter(i -> i.target().environment().equals(environment)).findFirst().orElseThrow();
    }
}

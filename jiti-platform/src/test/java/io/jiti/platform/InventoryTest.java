package io.jiti.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.deploy.Guardrail;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.InventoryFilter;
import io.jiti.platform.model.InventoryRow;
import io.jiti.platform.model.Page;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.TemplateStatus;
import io.jiti.platform.model.Team;
import io.jiti.platform.store.Database;
import io.jiti.platform.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory as one query: pages that cover every row once, and each filter, over many rows. */
class InventoryTest {
    private static final int SERVICES = 120;
    @TempDir
    Path dir;
    PlatformFixture f;

    @BeforeEach
    void open() {
        f = new PlatformFixture(dir, Database.embedded(dir), Guardrail.none());
        f.standardSetup();
        Store store = f.database.store();
        store.insertTeam(new Team("other", f.clock.instant()));
        for (int i = 0; i < SERVICES; i++) {
            String name = String.format("s%03d", i);
            store.insertService(new Service(name, i % 2 == 0 ? "shop" : "other", "web-api", 1, f.clock.instant()));
            store.insertInstance(new Instance(name, "test", new BlueprintVersion(1, 0), Map.of(),
                    JsonNodeFactory.instance.arrayNode(), f.clock.instant()));
            if (i % 3 != 0) {
                DeploymentStatus status = i % 10 == 1 ? DeploymentStatus.FAILED : DeploymentStatus.SUCCEEDED;
                store.insertDeployment(new Deployment(0, Target.instance(name, "test"), "web-api", new BlueprintVersion(1, 0),
                        Map.of(), JsonNodeFactory.instance.arrayNode(), "h", "create", "dana", status, f.clock.instant(),
                        null, null, "", "", "", null));
            }
        }
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void pagesCoverEveryRowOnceInOrder() {
        List<InventoryRow> all = new ArrayList<>();
        String after = null;
        do {
            Page<InventoryRow> page = f.platform.inventory().list(f.admin, InventoryFilter.none(), after, 50);
            assertThat(page.items().size()).isLessThanOrEqualTo(50);
            all.addAll(page.items());
            after = page.next();
        } while (after != null);
        assertThat(all).hasSize(SERVICES + 2);
        assertThat(all.subList(0, 2)).extracting(InventoryRow::target).containsExactly("environment/prod", "environment/test");
        assertThat(all.get(2)).extracting(InventoryRow::target, InventoryRow::team, InventoryRow::status,
                InventoryRow::version, InventoryRow::latest, InventoryRow::outdated)
                .containsExactly("instance/s000/test", "shop", "none", "1.0", "1.0", false);
        assertThat(all.get(3)).extracting(InventoryRow::status, InventoryRow::team).containsExactly("failed", "other");
        assertThat(all).extracting(InventoryRow::target).doesNotHaveDuplicates().isSorted();
        assertThat(all.get(0).deployment()).isPositive();
        assertThat(all.get(0).deployedAt()).isNotNull();
    }

    @Test
    void filtersNarrowTheRows() {
        assertThat(count(new InventoryFilter("shop", null, null, false))).isEqualTo(SERVICES / 2);
        assertThat(count(new InventoryFilter(null, "shared-env", null, false))).isEqualTo(2);
        assertThat(count(new InventoryFilter(null, null, "failed", false))).isEqualTo(services(i -> i % 3 != 0 && i % 10 == 1));
        assertThat(count(new InventoryFilter(null, null, "none", false))).isEqualTo(SERVICES / 3);
        assertThat(count(new InventoryFilter(null, null, null, true))).isZero();

        f.platform.templates().publish(f.admin, PlatformFixture.template("web-api-1.1.yaml"), false);
        assertThat(count(new InventoryFilter(null, null, null, true))).isEqualTo(SERVICES);
        assertThat(count(new InventoryFilter("other", "web-api", "succeeded", true)))
                .isEqualTo(services(i -> i % 2 == 1 && i % 3 != 0 && i % 10 != 1));
        f.platform.templates().setStatus(f.admin, "shared-env", new BlueprintVersion(1, 0), TemplateStatus.WITHDRAWN);
        assertThat(count(new InventoryFilter(null, "shared-env", null, true))).isEqualTo(2);

        assertThat(count(new InventoryFilter(null, null, null, false, "test", null))).isEqualTo(SERVICES + 1);
        assertThat(count(new InventoryFilter(null, null, null, false, "prod", null))).isOne();
        assertThat(f.platform.inventory().list(f.admin, InventoryFilter.of(Target.instance("s007", "test")), null, 10)
                .items()).extracting(InventoryRow::target).containsExactly("instance/s007/test");

        assertThatThrownBy(() -> f.platform.inventory().list(f.admin, new InventoryFilter(null, null, "done", false),
                null, 10)).hasMessageContaining("status is one of queued, running");
    }

    private static int services(java.util.function.IntPredicate which) {
        return (int) java.util.stream.IntStream.range(0, SERVICES).filter(which).count();
    }

    private int count(InventoryFilter filter) {
        int n = 0;
        String after = null;
        do {
            Page<InventoryRow> page = f.platform.inventory().list(f.admin, filter, after, 200);
            n += page.items().size();
            after = page.next();
        } while (after != null);
        return n;
    }
}

package io.jiti.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.platform.PlatformException.Reason;
import io.jiti.platform.deploy.Guardrail;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.InventoryFilter;
import io.jiti.platform.model.Target;
import io.jiti.platform.store.Database;
import io.jiti.testkit.Failure;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting instances and environments is a deployment like any other: it destroys the whole stack, then
 * removes the row; it can fail, be retried (as a delete) and leaves its history; an environment with
 * instances, or a protected one without force, is refused.
 */
class DeleteTest {
    @TempDir
    Path dir;
    PlatformFixture f;
    Caller dana;

    @BeforeEach
    void open() {
        f = new PlatformFixture(dir, Database.embedded(dir), Guardrail.none());
        dana = f.standardSetup();
        f.platform.services().create(dana, "orders", "web-api@1", "shop");
        f.ended(f.platform.services().createInstance(dana, "orders", "test", Map.of(), null).id());
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static Reason reason(Throwable t) {
        return ((PlatformException) t).reason();
    }

    @Test
    void anInstanceIsDeletedWithItsStackAndItsHistoryStays() {
        assertThat(f.provider.count("test--orders")).isPositive();
        f.provider.inject(new Failure("orders.app", "delete", 1, false));
        Deployment failed = f.ended(f.platform.services().deleteInstance(dana, "orders", "test").id());
        assertThat(failed.status()).as(failed.log()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(failed.message()).contains("could not be destroyed");
        assertThat(f.platform.services().instance("orders", "test")).isNotNull(); // still there: retry it

        Deployment retried = f.ended(f.platform.deployments().retry(dana, failed.id()).id());
        assertThat(retried.cause()).isEqualTo(Deployment.DELETE);
        assertThat(retried.status()).as(retried.log()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(retried.plan()).contains("delete orders.app");
        assertThat(f.provider.count("test--orders")).isZero();
        assertThatThrownBy(() -> f.platform.services().instance("orders", "test"))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.NOT_FOUND));
        assertThat(f.platform.deployments().list(dana, Target.instance("orders", "test"), 0, 10).items()).hasSize(3);
        assertThatThrownBy(() -> f.platform.deployments().rollback(dana, Target.instance("orders", "test")))
                .hasMessageContaining("no longer exists");
        assertThat(f.platform.audit().entries(f.admin, 0, 5).items()).anyMatch(e -> e.action().equals("instance.delete"));

        // the same instance can be made again
        assertThat(f.ended(f.platform.services().createInstance(dana, "orders", "test", Map.of(), null).id()).status())
                .isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void anEnvironmentGoesOnlyEmptyAndWhenProtectedOnlyByForce() {
        assertThatThrownBy(() -> f.platform.environments().delete(dana, "test", true))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.FORBIDDEN));
        assertThatThrownBy(() -> f.platform.environments().delete(f.admin, "test", true))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.CONFLICT))
                .hasMessageContaining("still has instances of orders");
        f.ended(f.platform.services().deleteInstance(dana, "orders", "test").id());
        assertThatThrownBy(() -> f.platform.environments().delete(f.admin, "test", false))
                .satisfies(e -> assertThat(((PlatformException) e).field()).isEqualTo("force"))
                .hasMessageContaining("is protected");

        Deployment d = f.ended(f.platform.environments().delete(f.admin, "test", true).id());
        assertThat(d.status()).as(d.log()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(f.provider.count("test")).isZero();
        assertThatThrownBy(() -> f.platform.environments().get("test"))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(Reason.NOT_FOUND));
        assertThat(f.platform.inventory().list(f.admin, InventoryFilter.none(), null, 10).items())
                .extracting(r -> r.target()).containsExactly("environment/prod");
    }
}

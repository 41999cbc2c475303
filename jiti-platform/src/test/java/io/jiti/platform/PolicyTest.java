package io.jiti.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.load.YamlDocument;
import io.jiti.platform.model.AuditEntry;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guardrails shipped in examples/platform/policies.yaml, on real deployments. */
class PolicyTest {
    @TempDir
    Path dir;
    PlatformFixture f;
    Caller dana;

    @BeforeEach
    void open() throws Exception {
        f = new PlatformFixture(dir);
        dana = f.standardSetup();
        JsonNode shipped = YamlDocument.parse(Files.readString(Path.of("../examples/platform/policies.yaml")),
                "policies.yaml").root();
        for (JsonNode p : shipped) {
            f.platform.policies().add(f.admin, p.get("name").asText(), p.get("cel").asText(), p.get("message").asText(),
                    true);
        }
        f.platform.services().create(dana, "orders", "web-api@1", "shop");
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aBucketWithoutEncryptionIsRefusedBeforeAnythingChanges() {
        var components = new ObjectMapper().valueToTree(List.of(Map.of("name", "files", "type", "bucket",
                "spec", Map.of("encryption", false))));
        Deployment d = f.ended(f.platform.services().createInstance(dana, "orders", "test", null, components).id());
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.message()).isEqualTo("refused by policy bucket-encrypted: a bucket keeps its objects encrypted at rest"
                + " (encryption true)");
        assertThat(d.plan()).contains("create files (bucket)");
        assertThat(f.live("test--orders", "files")).isNull();
        assertThat(f.live("test--orders", "orders.app")).isNull();
        AuditEntry denied = f.platform.audit().entries(f.admin, 0, 5).items().get(0);
        assertThat(denied).extracting(AuditEntry::action, AuditEntry::result).containsExactly("deployment.run", "denied");

        JsonNode encrypted = new ObjectMapper().valueToTree(List.of(Map.of("name", "files", "type", "bucket")));
        Deployment fixed = f.ended(f.platform.services().updateInstance(dana, "orders", "test", null, null, encrypted).id());
        assertThat(fixed.status()).as(fixed.log()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(f.live("test--orders", "files")).isNotNull();
    }

    @Test
    void prodNeedsTwoInstancesAndPublishedTemplates() {
        Deployment env = f.ended(f.platform.environments().create(f.admin, "live", "shared-env@1", null,
                Map.of("tier", "prod"), null).id());
        assertThat(env.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        f.platform.entitlements().entitle(f.admin, "shop", "web-api@1", List.of("live"));

        Deployment one = f.ended(f.platform.services().createInstance(dana, "orders", "live", null, null).id());
        assertThat(one.message()).contains("prod-two-instances: a service in a prod environment runs at least 2 instances");
        Deployment two = f.ended(f.platform.services().updateInstance(dana, "orders", "live", null,
                Map.of("instances", 2), null).id());
        assertThat(two.status()).as(two.log()).isEqualTo(DeploymentStatus.SUCCEEDED);

        f.platform.templates().publish(f.admin, PlatformFixture.template("shared-env-1.0.yaml").replace("\"1.0\"", "\"1.1\""),
                true);
        Deployment draft = f.ended(f.platform.environments().create(f.admin, "live2", "shared-env@1.1", null,
                Map.of("tier", "prod"), null).id());
        assertThat(draft.message()).contains("prod-published-only: only published template versions go to prod");
    }

    @Test
    void aWarningLetsTheDeploymentGoOnAndABadExpressionIsBadInput() {
        f.platform.policies().add(f.admin, "small-teams", "team != 'shop'", "shop is watched", false);
        Deployment d = f.ended(f.platform.services().createInstance(dana, "orders", "test", null, null).id());
        assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.log()).contains("policy small-teams warns: shop is watched");

        assertThatThrownBy(() -> f.platform.policies().add(f.admin, "bad", "particles.size(", "m", true))
                .satisfies(e -> assertThat(((PlatformException) e).field()).isEqualTo("cel"));
        assertThatThrownBy(() -> f.platform.policies().add(f.admin, "bad", "'not a bool'", "m", true))
                .satisfies(e -> assertThat(((PlatformException) e).field()).isEqualTo("cel"));
        assertThatThrownBy(() -> f.platform.policies().add(dana, "mine", "true", "m", true))
                .satisfies(e -> assertThat(((PlatformException) e).reason()).isEqualTo(PlatformException.Reason.FORBIDDEN));
        assertThat(f.platform.policies().list(dana)).extracting(p -> p.name())
                .containsExactly("bucket-encrypted", "prod-published-only", "prod-two-instances", "small-teams");
    }
}

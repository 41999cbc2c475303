package io.jiti.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.blueprints.BlueprintVersion;
import io.jiti.gitops.Webhooks;
import io.jiti.platform.model.TemplateSource;
import io.jiti.platform.model.TemplateStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates from git: a repository laid out NAME/vMAJOR/blueprint.yaml, a push publishes what is new, a refusal says why. */
class TemplateSyncTest {
    @TempDir
    Path dir;
    private PlatformFixture f;
    private Git repo;

    @BeforeEach
    void open() throws Exception {
        f = new PlatformFixture(dir.resolve("platform"));
        repo = Git.init().setInitialBranch("main").setDirectory(dir.resolve("templates").toFile()).call();
    }

    @AfterEach
    void close() {
        repo.close();
        f.close();
    }

    private String commit(String path, String file) throws Exception {
        Path to = dir.resolve("templates").resolve(path);
        Files.createDirectories(to.getParent());
        Files.writeString(to, PlatformFixture.template(file));
        repo.add().addFilepattern(".").call();
        return repo.commit().setMessage(path).setAuthor(new PersonIdent("ops", "ops@example.test"))
                .setCommitter(new PersonIdent("ops", "ops@example.test")).call().getId().name();
    }

    @Test
    void aPushPublishesNewVersionsAndSaysWhyOneIsRefused() throws Exception {
        commit("shared-env/v1/blueprint.yaml", "shared-env-1.0.yaml");
        commit("web-api/v1/blueprint.yaml", "web-api-1.0.yaml");
        TemplateSync sync = f.platform.templateSync();
        var set = sync.set(f.admin, "platform", dir.resolve("templates").toString(), "main", true, 0);
        assertThat(set.webhookSecret()).hasSize(64);
        assertThat(sync.set(f.admin, "platform", dir.resolve("templates").toString(), "main", true, 0).webhookSecret())
                .isNull();
        TemplateSource t = sync.get(f.admin, "platform");

        assertThat(sync.poll(t)).hasValueSatisfying(r -> assertThat(r.message())
                .contains("published shared-env@1.0", "published web-api@1.0"));
        assertThat(f.platform.templates().version("web-api", new BlueprintVersion(1, 0)).status())
                .isEqualTo(TemplateStatus.PUBLISHED);
        assertThat(sync.poll(t)).isEmpty();

        String good = commit("web-api/v1/blueprint.yaml", "web-api-1.1.yaml");
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + good + "\"}").getBytes(StandardCharsets.UTF_8);
        String secret = set.webhookSecret();
        Map<String, String> headers = Map.of("x-github-event", "push", "x-github-delivery", "d-1",
                "x-hub-signature-256", Webhooks.gitHubSignature(secret, body));
        var accepted = sync.gitHub("platform", headers, body);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.message()).isEqualTo("published web-api@1.1");
        assertThat(sync.gitHub("platform", headers, body).result()).isEqualTo("duplicate");
        assertThat(sync.gitHub("platform", Map.of("x-github-event", "push", "x-hub-signature-256", "sha256=00"), body)
                .status()).isEqualTo(401);

        String bad = commit("web-api/v1/blueprint.yaml", "web-api-1.2-incompatible.yaml");
        var refused = sync.poll(t).orElseThrow();
        assertThat(refused.result()).isEqualTo("rejected");
        assertThat(refused.message()).contains("refused web-api/v1:", "1.2");
        assertThatThrownBy(() -> f.platform.templates().version("web-api", new BlueprintVersion(1, 2)))
                .isInstanceOf(PlatformException.class);
        assertThat(sync.deliveries(f.admin, "platform", 0, 10).items()).extracting(d -> d.result())
                .containsExactly("rejected", "rejected", "duplicate", "accepted", "accepted");
        assertThat(bad).isNotEqualTo(good);
    }

    @Test
    void draftsAreCheckedButNotPublishedAndOnlyAdminsSetSources() throws Exception {
        commit("shared-env/v1/blueprint.yaml", "shared-env-1.0.yaml");
        TemplateSync sync = f.platform.templateSync();
        sync.set(f.admin, "platform", dir.resolve("templates").toString(), "main", false, 0);
        assertThat(sync.poll(sync.get(f.admin, "platform")).orElseThrow().message()).isEqualTo("drafted shared-env@1.0");
        assertThat(f.platform.templates().version("shared-env", new BlueprintVersion(1, 0)).status())
                .isEqualTo(TemplateStatus.DRAFT);
        f.standardSetup();
        Caller dana = f.platform.identity().authenticate(f.platform.identity().createUser(f.admin, "dora", "shop",
                Role.DEVELOPER, null).secret());
        assertThatThrownBy(() -> sync.set(dana, "mine", "/tmp/x", "main", true, 0)).isInstanceOf(PlatformException.class)
                .hasMessageContaining("only an admin");
        assertThatThrownBy(() -> sync.set(f.admin, "bad", "/tmp/x", "main", true, 3))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.field()).isEqualTo("pollSeconds"));
    }
}

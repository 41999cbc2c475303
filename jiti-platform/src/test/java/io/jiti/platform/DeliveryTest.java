package io.jiti.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jiti.gitops.Webhooks;
import io.jiti.platform.model.Release;
import io.jiti.platform.model.ReleaseStatus;
import io.jiti.platform.model.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery in the domain, on the in-memory provider and a local git repository: what a webhook delivery becomes
 * (accepted, duplicate, rejected, ignored and why), releases going live and promoted, approvals by role with four
 * eyes, and a rollback that quarantines.
 */
class DeliveryTest {
    @TempDir
    Path dir;
    private PlatformFixture f;
    private Git repo;
    private Git remote;
    private Caller dana;
    private String secret;

    @BeforeEach
    void open() throws Exception {
        f = new PlatformFixture(dir.resolve("platform"));
        dana = f.standardSetup();
        f.platform.entitlements().entitle(f.admin, "shop", "web-api@1", List.of("test", "prod"));
        f.platform.services().create(dana, "orders", "web-api@1", "shop");
        for (String env : List.of("test", "prod")) {
            f.ended(f.platform.services().createInstance(dana, "orders", env, Map.of(), null).id());
        }
        remote = Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.resolve("orders.git").toFile()).call();
        repo = Git.init().setInitialBranch("main").setDirectory(dir.resolve("orders").toFile()).call();
        secret = f.platform.sources().set(dana, "orders", dir.resolve("orders.git").toString(), null,
                Map.of("main", "test"), 0, 0).webhookSecret();
    }

    @AfterEach
    void close() {
        repo.close();
        remote.close();
        f.close();
    }

    private String commit(String version) throws Exception {
        Files.writeString(dir.resolve("orders/jiti.yaml"), "stack: orders\nparticles:\n  - name: api\n"
                + "    type: blueprint:web-api@1\n    spec: {instances: 1}\n");
        Files.writeString(dir.resolve("orders/version.txt"), version);
        repo.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("dana", "dana@example.test");
        String id = repo.commit().setMessage(version).setAuthor(who).setCommitter(who).call().getId().name();
        repo.push().setRemote(dir.resolve("orders.git").toString()).setRefSpecs(
                new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main")).call();
        return id;
    }

    private Delivery.Receipt push(String ref, String commit, String pusher, String delivery, boolean signed) {
        byte[] body = ("{\"ref\":\"" + ref + "\",\"after\":\"" + commit + "\",\"pusher\":{\"name\":\"" + pusher + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        return f.platform.delivery().gitHub("orders", Map.of("x-github-event", "push", "x-github-delivery", delivery,
                "x-hub-signature-256", signed ? Webhooks.gitHubSignature(secret, body) : "sha256=" + "1".repeat(64)), body);
    }

    private Release awaitStatus(String env, int number, ReleaseStatus status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> f.platform.releases().show(dana, "orders", env, number)
                .status() == status);
        return f.platform.releases().show(dana, "orders", env, number);
    }

    @Test
    void deliveriesAreAcceptedOnceAndTheRestSayWhy() throws Exception {
        String v1 = commit("1");
        assertThat(push("refs/heads/main", v1, "dana", "d1", false).status()).isEqualTo(401);
        Delivery.Receipt accepted = push("refs/heads/main", v1, "dana", "d1", true);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.releases()).containsExactly("test v1");
        assertThat(push("refs/heads/main", v1, "dana", "d1", true).result()).isEqualTo("duplicate");
        assertThat(push("refs/heads/main", v1, "dana", "d2", true).result()).isEqualTo("duplicate");
        assertThat(push("refs/tags/v1", v1, "dana", "d3", true).message()).contains("not a branch");
        assertThat(push("refs/heads/feature", v1, "dana", "d4", true).message()).contains("no environment is mapped");
        assertThat(push("refs/heads/main", "0".repeat(40), "dana", "d5", true).message()).contains("was deleted");
        byte[] noRef = ("{\"after\":\"" + v1 + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> f.platform.delivery().gitHub("orders", Map.of("x-github-event", "push",
                "x-hub-signature-256", Webhooks.gitHubSignature(secret, noRef)), noRef))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.field()).isEqualTo("ref"));
        assertThat(f.platform.delivery().deliveries(dana, "orders", 0, 20).items()).extracting(d -> d.result())
                .containsExactly("ignored", "ignored", "ignored", "duplicate", "duplicate", "accepted", "rejected");
        Release live = awaitStatus("test", 1, ReleaseStatus.LIVE);
        assertThat(live.commit()).isEqualTo(v1);
        assertThat(f.platform.releases().list(dana, "orders", "test", 0, 10).items()).hasSize(1);
    }

    @Test
    void pollingOneSourcePollsThatSourceOnly() throws Exception {
        f.platform.services().create(dana, "billing", "web-api@1", "shop");
        f.ended(f.platform.services().createInstance(dana, "billing", "test", Map.of(), null).id());
        try (Git billing = Git.init().setBare(true).setInitialBranch("main")
                .setDirectory(dir.resolve("billing.git").toFile()).call()) {
            String v1 = commit("1");
            repo.push().setRemote(dir.resolve("billing.git").toString()).setRefSpecs(
                    new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main")).call();
            f.platform.sources().set(dana, "billing", dir.resolve("billing.git").toString(), null,
                    Map.of("main", "test"), 0, 0);
            f.platform.pollSource("orders");
            assertThat(awaitStatus("test", 1, ReleaseStatus.LIVE).commit()).isEqualTo(v1);
            assertThat(f.platform.releases().list(dana, "billing", "test", 0, 10).items())
                    .as("the other source was not polled").isEmpty();
            f.platform.pollSource("billing");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !f.platform.releases().list(dana, "billing", "test", 0, 10).items().isEmpty());
        }
    }

    @Test
    void aPipelinePromotesAndWaitsForTheRightApprover() throws Exception {
        f.platform.pipelines().set(f.admin, "orders", List.of(
                new Stage("test", List.of("test"), false, null, null, false, Duration.ZERO),
                new Stage("prod", List.of("prod"), true, "admin", null, true, Duration.ofHours(1))));
        assertThatThrownBy(() -> f.platform.pipelines().set(dana, "orders", List.of()))
                .hasMessageContaining("only an admin");
        String v1 = commit("1");
        push("refs/heads/main", v1, "admin", UUID.randomUUID().toString(), true);
        awaitStatus("test", 1, ReleaseStatus.LIVE);
        Release waiting = awaitStatus("prod", 1, ReleaseStatus.AWAITING_APPROVAL);
        assertThat(waiting.trigger()).isEqualTo("promote");
        assertThatThrownBy(() -> f.platform.pipelines().approve(dana, "orders", 1, null))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.reason())
                        .isEqualTo(PlatformException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> f.platform.pipelines().approve(f.admin, "orders", 1, null))
                .hasMessageContaining("four eyes");
        Caller carol = f.platform.identity().authenticate(f.platform.identity().createUser(f.admin, "carol", null,
                Role.ADMIN, null).secret());
        assertThat(f.platform.pipelines().approve(carol, "orders", 1, null).status()).isEqualTo(ReleaseStatus.DEPLOYING);
        assertThat(awaitStatus("prod", 1, ReleaseStatus.LIVE).decidedBy()).isEqualTo("carol");
    }

    @Test
    void aRollbackQuarantinesWhatItUndoes() throws Exception {
        String v1 = commit("1");
        push("refs/heads/main", v1, "dana", "a", true);
        awaitStatus("test", 1, ReleaseStatus.LIVE);
        String v2 = commit("2");
        push("refs/heads/main", v2, "dana", "b", true);
        awaitStatus("test", 2, ReleaseStatus.LIVE);
        Release back = f.platform.releases().rollback(dana, "orders", "test", null);
        assertThat(back.commit()).isEqualTo(v1);
        assertThat(back.git()).startsWith("reverted on main: ");
        assertThat(f.platform.releases().show(dana, "orders", "test", 2).status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
        assertThat(push("refs/heads/main", v2, "dana", "c", true).message()).contains("quarantined");
        assertThat(remote.getRepository().resolve("refs/heads/main").name()).isNotEqualTo(v2);
        awaitStatus("test", 3, ReleaseStatus.LIVE);
    }
}

package io.jiti.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.jiti.spi.StackLock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stack lock is a Lease: a second apply waits for the first, and a lease nobody renews is taken over. */
class LeaseLockIT {
    private static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new TestCluster("locked", "abandoned");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aSecondHolderWaitsUntilTheFirstReleases() {
        try (KubernetesProvider a = cluster.provider(); KubernetesProvider b = cluster.provider()) {
            StackLock first = a.lock("locked", holder -> { });
            Lease lease = cluster.client.leases().inNamespace("locked").withName("jiti-lock-locked").get();
            assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
            AtomicReference<String> toldHolder = new AtomicReference<>();
            CompletableFuture<StackLock> second = CompletableFuture.supplyAsync(() -> b.lock("locked", toldHolder::set));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(toldHolder.get()).isEqualTo(lease.getSpec().getHolderIdentity()));
            assertThat(second).isNotDone();
            first.close();
            StackLock got = second.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
            got.close();
            assertThat(cluster.client.leases().inNamespace("locked").withName("jiti-lock-locked").get()).isNull();
        }
    }

    @Test
    void aLeaseItsHolderStoppedRenewingIsTakenOver() {
        cluster.client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("abandoned").endMetadata().build()).createOr(x -> x.update());
        ZonedDateTime longAgo = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        cluster.client.leases().inNamespace("abandoned").resource(new io.fabric8.kubernetes.api.model.coordination.v1
                .LeaseBuilder().withNewMetadata().withName("jiti-lock-abandoned").endMetadata().withNewSpec()
                .withHolderIdentity("killed@1").withLeaseDurationSeconds(30).withRenewTime(longAgo)
                .withAcquireTime(longAgo).endSpec().build()).create();
        try (KubernetesProvider p = cluster.provider(); StackLock lock = p.lock("abandoned", h -> {
            throw new AssertionError("a lapsed lease is not waited for (" + h + ")");
        })) {
            assertThat(cluster.client.leases().inNamespace("abandoned").withName("jiti-lock-abandoned").get().getSpec()
                    .getHolderIdentity()).isNotEqualTo("killed@1");
        }
    }
}

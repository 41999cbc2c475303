package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jiti.api.JitiException;
import io.jiti.engine.Backoff;
import io.jiti.spi.StackLock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The stack lock on Kubernetes: a {@code coordination.k8s.io/v1} Lease {@code jiti-lock-STACK} in the stack's
 * namespace, renewed while held; one whose holder stopped renewing (a killed {@code jiti}) is taken over once
 * its duration has passed, so a crash never locks a stack for good.
 */
final class LeaseLock implements StackLock {
    static final int SECONDS = 30;
    private final Cluster cluster;
    private final String namespace;
    private final String name;
    private final String holder;
    private final ScheduledExecutorService renewer;

    private LeaseLock(Cluster cluster, String namespace, String name, String holder) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.name = name;
        this.holder = holder;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jiti-lease-" + name);
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleAtFixedRate(this::renew, SECONDS / 3, SECONDS / 3, TimeUnit.SECONDS);
    }

    /** Takes the lock of {@code stack}, waiting while another holder keeps it renewed. */
    static LeaseLock acquire(Cluster cluster, String stack, String holder, Consumer<String> onWait) {
        cluster.ensureNamespace(stack);
        String ns = cluster.namespace(stack);
        String name = "jiti-lock-" + stack;
        boolean told = false;
        Backoff wait = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        while (true) {
            Lease live = cluster.get(Lease.class, ns, name);
            try {
                if (live == null) {
                    cluster.client().resource(lease(ns, name, holder, null)).create();
                    return new LeaseLock(cluster, ns, name, holder);
                }
                if (expired(live)) {
                    cluster.client().resource(lease(ns, name, holder, live.getMetadata().getResourceVersion())).update();
                    return new LeaseLock(cluster, ns, name, holder);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    cluster.call(() -> {
                        throw e;
                    });
                }
                continue; // someone else was faster: look again
            }
            if (!told) {
                onWait.accept(live.getSpec().getHolderIdentity());
                told = true;
            }
            pause(wait.next());
        }
    }

    private static Lease lease(String ns, String name, String holder, String resourceVersion) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return new LeaseBuilder().withNewMetadata().withNamespace(ns).withName(name).withResourceVersion(resourceVersion)
                .withLabels(Map.of(Marks.MANAGED_BY, Marks.JITI)).endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(SECONDS)
                .withAcquireTime(now).withRenewTime(now).endSpec().build();
    }

    private static boolean expired(Lease lease) {
        var spec = lease.getSpec();
        if (spec == null || spec.getRenewTime() == null) {
            return true;
        }
        Instant renewed = spec.getRenewTime().toInstant();
        int seconds = spec.getLeaseDurationSeconds() == null ? SECONDS : spec.getLeaseDurationSeconds();
        return renewed.plusSeconds(seconds).isBefore(Instant.now());
    }

    private void renew() {
        try {
            Lease live = cluster.get(Lease.class, namespace, name);
            if (live != null && holder.equals(live.getSpec().getHolderIdentity())) {
                live.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                cluster.client().resource(live).update();
            }
        } catch (RuntimeException e) {
            // the next renewal tries again; a lease that lapses is only taken over after its duration
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            Lease live = cluster.get(Lease.class, namespace, name);
            if (live != null && holder.equals(live.getSpec().getHolderIdentity())) {
                cluster.client().resource(live).delete();
            }
        } catch (RuntimeException e) {
            throw new JitiException("could not release the lock " + namespace + "/" + name
                    + " (it lapses by itself after " + SECONDS + " s)", e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JitiException("interrupted while waiting for the stack lock", e);
        }
    }
}

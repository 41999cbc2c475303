package io.jiti.platform;

import io.jiti.platform.deploy.TargetHealth;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Pipeline;
import io.jiti.platform.model.Release;
import io.jiti.platform.model.ReleaseStatus;
import io.jiti.platform.model.Service;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries every open release forward from what the rows say, one step a tick: a deployed release settles
 * under the health gate (every particle ready, errors below half) for its source's settle time, then goes
 * live (the previous live one is superseded) and is promoted to the pipeline's next stage; a deployment that
 * failed after it planned, or a failed health gate, rolls it back automatically to the previous live release (one
 * that failed before it planned, such as a config file that does not decrypt, changed nothing and just fails); an approval not given
 * in time expires. A restarted server carries on from the rows.
 */
final class ReleaseDriver {
    private static final Logger LOG = Logger.getLogger(ReleaseDriver.class.getName());
    /** How many unhealthy looks in a row fail the gate (a single restart is not a crash loop). */
    static final int STRIKES = 3;
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Releases releases;
    private final TargetHealth health;
    private final Map<Long, Integer> strikes = new ConcurrentHashMap<>();

    ReleaseDriver(Store store, Clock clock, AuditLog audit, Releases releases, TargetHealth health) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.releases = releases;
        this.health = health;
    }

    /** One step of every open release. */
    void tick() {
        for (Release r : store.delivery().releasesIn(EnumSet.of(ReleaseStatus.AWAITING_APPROVAL, ReleaseStatus.DEPLOYING,
                ReleaseStatus.SETTLING), 500)) {
            try {
                step(r);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "release " + r.id() + " step failed; it is tried again", e);
            }
        }
    }

    private void step(Release r) {
        switch (r.status()) {
            case AWAITING_APPROVAL -> {
                if (r.expires() != null && clock.instant().isAfter(r.expires())) {
                    end(r, ReleaseStatus.EXPIRED, "no approval before " + r.expires());
                }
            }
            case DEPLOYING -> deploying(r);
            case SETTLING -> settling(r);
            default -> { }
        }
    }

    private void deploying(Release r) {
        Deployment d = store.deployment(r.deployment()).orElse(null);
        if (d == null || !d.status().ended()) {
            return;
        }
        if (d.status() == DeploymentStatus.SUCCEEDED) {
            int settle = store.delivery().source(r.service()).map(s -> s.settleSeconds()).orElse(0);
            store.delivery().updateRelease(r.id(), ReleaseStatus.SETTLING, "deployed; settling for " + settle + " s",
                    clock.instant().plus(Duration.ofSeconds(settle)), null, null, clock.instant());
            return;
        }
        String why = "deployment " + d.id() + " " + d.status().word() + ": " + d.message();
        if (d.plan().isBlank()) {
            end(r, ReleaseStatus.FAILED, why + "; nothing was changed, so nothing is rolled back");
            return;
        }
        fail(r, why);
    }

    private void settling(Release r) {
        Environment env = store.environment(r.environment()).orElse(null);
        if (env == null) {
            end(r, ReleaseStatus.FAILED, "its environment was deleted");
            return;
        }
        Optional<String> problem = health.problem(r.target(), env);
        if (problem.isPresent()) {
            int n = strikes.merge(r.id(), 1, Integer::sum);
            if (n >= STRIKES) {
                strikes.remove(r.id());
                fail(r, "health gate: " + problem.get());
            }
            return;
        }
        strikes.remove(r.id());
        if (r.settleUntil() != null && clock.instant().isBefore(r.settleUntil())) {
            return;
        }
        store.transaction(tx -> {
            tx.delivery().live(r.service(), r.environment()).ifPresent(prev -> tx.delivery().updateRelease(prev.id(),
                    ReleaseStatus.SUPERSEDED, "superseded by " + r.label(), null, null, null, clock.instant()));
            tx.delivery().updateRelease(r.id(), ReleaseStatus.LIVE, "live: healthy through its settle time", null, null,
                    null, clock.instant());
            audit.record(tx, "jiti", "release.live", r.target().toString(), "ok", r.label() + " of " + r.shortCommit());
            return null;
        });
        promote(r);
    }

    /** The release failed; roll back to the previous live release unless it was itself a rollback. */
    private void fail(Release r, String why) {
        boolean rollback = r.trigger().endsWith("rollback");
        boolean earlier = store.delivery().releases(r.service(), r.environment(), 0, 50).stream()
                .anyMatch(x -> x.number() < r.number() && (x.status() == ReleaseStatus.LIVE
                        || x.status() == ReleaseStatus.SUPERSEDED) && !x.commit().equals(r.commit()));
        if (rollback || !earlier) {
            end(r, ReleaseStatus.FAILED, why + (rollback ? "; a rollback that fails is not rolled back again: fix it by hand"
                    : "; nothing earlier went live to roll back to"));
            return;
        }
        store.delivery().updateRelease(r.id(), ReleaseStatus.FAILED, why, null, null, null, clock.instant());
        Service s = store.service(r.service()).orElseThrow();
        Release back = releases.rollback(s, r.environment(), null, "auto-rollback", "jiti", why);
        LOG.info(() -> r.target() + " " + r.label() + " failed (" + why + "); rolled back as " + back.label());
    }

    private void end(Release r, ReleaseStatus status, String why) {
        store.transaction(tx -> {
            tx.delivery().updateRelease(r.id(), status, why, null, null, null, clock.instant());
            audit.record(tx, "jiti", "release." + status.word(), r.target().toString(), "ok", r.label() + ": " + why);
            return null;
        });
    }

    /**
     * When every environment of {@code r}'s stage runs its commit live, releases it to the next stage's
     * environments (held for an approval where that stage asks for one).
     */
    private void promote(Release r) {
        Optional<Pipeline> p = store.delivery().pipeline(r.service());
        Optional<Integer> stage = p.flatMap(x -> x.stageOf(r.environment()));
        if (stage.isEmpty() || stage.get() + 1 >= p.get().stages().size()) {
            return;
        }
        List<String> here = p.get().stages().get(stage.get()).environments();
        boolean healthy = here.stream().allMatch(e -> store.delivery().live(r.service(), e)
                .map(x -> x.commit().equals(r.commit())).orElse(false));
        if (!healthy) {
            return;
        }
        Service s = store.service(r.service()).orElseThrow();
        for (String next : p.get().stages().get(stage.get() + 1).environments()) {
            store.transaction(tx -> {
                boolean already = tx.delivery().releases(r.service(), next, 0, 20).stream()
                        .anyMatch(x -> x.commit().equals(r.commit()) && !x.created().isBefore(r.created()));
                tx.instance(r.service(), next).filter(i -> !already).ifPresent(i -> releases.create(tx, s, i, r.commit(),
                        null, "promote", "pipeline"));
                return null;
            });
        }
    }
}

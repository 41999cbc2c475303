package io.jiti.local.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A rolling deploy, one tick at a time: surge of one new instance, one old instance retired per new one
 * ready, and a rollback by itself when a new instance is not ready within {@code readyTimeout} or new
 * instances crash {@link #CRASHES_TO_ROLL_BACK} times before becoming ready.
 */
final class RollingDeploy {
    static final int CRASHES_TO_ROLL_BACK = 3;

    private RollingDeploy() {
    }

    /**
     * What a step acts on: the service's record (read and replaced), and how it starts and retires instances.
     *
     * @param record the record now
     * @param update replaces the record
     * @param launch starts one instance of the record's spec
     * @param retire takes instances out of rotation and stops them; says whether any left
     */
    record Service(Supplier<ParticleRecord> record, Consumer<ParticleRecord> update, Runnable launch,
                   Predicate<List<ServiceInstance>> retire) {
    }

    /** One step, with {@code current} (new spec) and {@code old} instances; returns whether instances changed. */
    static boolean step(Service s, List<ServiceInstance> current, List<ServiceInstance> old, int desired, long now,
                        CrashBackoff backoff, Events events) {
        ParticleRecord rec = s.record().get();
        ParticleRecord.Rollout rollout = rec.rollout();
        long readyTimeout = readyTimeoutMillis(rec);
        boolean late = current.stream().anyMatch(i -> !i.ready() && now - i.startedAt() > readyTimeout);
        if (rollout != null && rollout.failure() == null && (late || backoff.crashes() >= CRASHES_TO_ROLL_BACK)) {
            String why = "deploy of " + rec.specHash() + " rolled back: "
                    + (late ? "a new instance was not ready within " + readyTimeout / 1000 + "s"
                    : "new instances crashed " + backoff.crashes() + " times before becoming ready");
            events.add(why);
            s.update().accept(rec.rolledBack(why));
            backoff.reset();
            s.retire().test(new ArrayList<>(current));
            return true;
        }
        boolean changed = false;
        long ready = current.stream().filter(ServiceInstance::ready).count();
        boolean starting = current.stream().anyMatch(i -> !i.ready());
        if (!starting && current.size() < desired && current.size() + old.size() <= desired && backoff.mayStart(now)) {
            s.launch().run();
            changed = true;
        }
        long excess = ready + old.size() - desired;
        if (excess > 0) {
            changed |= s.retire().test(new ArrayList<>(old.subList(0, (int) Math.min(excess, old.size()))));
        }
        if (old.isEmpty() && rollout != null && rollout.failure() == null) {
            s.update().accept(s.record().get().withRollout(null));
            events.add("deployed " + s.record().get().specHash());
        }
        return changed;
    }

    private static long readyTimeoutMillis(ParticleRecord rec) {
        Object n = rec.spec().get("readyTimeout");
        return (n instanceof Number num ? num.longValue() : 60) * 1000;
    }
}

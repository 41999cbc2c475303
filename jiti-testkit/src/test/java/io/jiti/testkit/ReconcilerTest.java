package io.jiti.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.ParticleResult;
import io.jiti.engine.ProtectedException;
import io.jiti.engine.Reconciler;
import io.jiti.plan.Action;
import io.jiti.plan.Plan;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static Stack chain(String name) {
        return Stack.named(name)
                .particle(Particle.of("a", "file").spec("content", "A"))
                .particle(Particle.of("b", "file").spec("content", "after ${a.path}"))
                .particle(Particle.of("c", "job").spec("command", "echo ${b.path}"))
                .build();
    }

    private static final class Recorder implements ApplyListener {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<String> waits = new CopyOnWriteArrayList<>();
        /** When set: an apply holding the lock goes on only once another one waits for it. */
        private final CountDownLatch someoneWaits;

        Recorder() {
            this(null);
        }

        Recorder(CountDownLatch someoneWaits) {
            this.someoneWaits = someoneWaits;
        }

        @Override
        public void started(String particle, Action action) {
            started.add(action.word() + " " + particle);
            if (someoneWaits != null) {
                try {
                    if (!someoneWaits.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new AssertionError("the other apply never waited for the lock");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void waitingForLock(String holder) {
            waits.add(holder);
            if (someoneWaits != null) {
                someoneWaits.countDown();
            }
        }
    }

    @Test
    void appliesInDependencyOrderAndResolvesReferences() {
        InMemoryProvider provider = InMemoryProvider.instant();
        Recorder rec = new Recorder();
        ApplyReport report = new Reconciler(provider, rec, ApplyOptions.defaults()).apply(chain("s"));
        assertThat(report.ok()).isTrue();
        assertThat(rec.started).containsExactly("create a", "create b", "create c");
        assertThat(provider.resources.get("s").get("b").spec()).containsEntry("content", "after mem://s/a/path");
    }

    @Test
    void deletesInReverseDependencyOrder() {
        InMemoryProvider provider = InMemoryProvider.instant();
        new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults()).apply(chain("s"));
        Recorder rec = new Recorder();
        assertThat(new Reconciler(provider, rec, ApplyOptions.defaults()).destroy("s").ok()).isTrue();
        assertThat(rec.started).containsExactly("delete c", "delete b", "delete a");
        assertThat(provider.count("s")).isZero();
    }

    @Test
    void keepsToTheConcurrencyBound() {
        InMemoryProvider provider = new InMemoryProvider(Duration.ofMillis(10), 4, 0);
        Stack.Builder b = Stack.named("wide");
        for (int i = 0; i < 40; i++) {
            b.particle(Particle.of("p" + i, "file").spec("content", "x"));
        }
        assertThat(new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults()).apply(b.build()).ok()).isTrue();
        assertThat(provider.peakInFlight()).isBetween(2, 4);
        assertThat(provider.count("wide")).isEqualTo(40);
    }

    @Test
    void retriesRetryableErrorsWithBackoff() {
        InMemoryProvider provider = InMemoryProvider.instant();
        provider.inject(new Failure("a", "create", 2, true));
        ApplyReport report = new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults()).apply(chain("s"));
        assertThat(report.ok()).isTrue();
        assertThat(provider.calls("create")).isEqualTo(5);
    }

    @Test
    void collectsFailuresWhileIndependentBranchesGoOn() {
        InMemoryProvider provider = InMemoryProvider.instant();
        provider.inject(new Failure("a", "create", 1, false));
        Stack stack = Stack.named("s")
                .particle(Particle.of("a", "file").spec("content", "A"))
                .particle(Particle.of("b", "file").spec("content", "${a.path}"))
                .particle(Particle.of("c", "job").spec("command", "echo ${b.path}"))
                .particle(Particle.of("free", "file").spec("content", "independent"))
                .build();
        ApplyReport report = new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults()).apply(stack);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).extracting(ParticleResult::particle).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(report.problems()).filteredOn(r -> r instanceof ParticleResult.Failed).singleElement()
                .satisfies(r -> assertThat(((ParticleResult.Failed) r).message()).contains("injected create failure"));
        assertThat(report.problems()).filteredOn(r -> r instanceof ParticleResult.Skipped)
                .allSatisfy(r -> assertThat(((ParticleResult.Skipped) r).reason()).contains("a did not succeed"));
        assertThat(provider.resources.get("s")).containsOnlyKeys("free");
        assertThat(new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults()).apply(stack).ok()).isTrue();
    }

    @Test
    void slowOperationsTimeOut() {
        InMemoryProvider provider = new InMemoryProvider(Duration.ZERO, 4, 1_000_000);
        ApplyReport report = new Reconciler(provider, ApplyListener.none(),
                new ApplyOptions(false, 0, Duration.ofMillis(300))).apply(chain("s"));
        assertThat(report.problems()).filteredOn(r -> r instanceof ParticleResult.Failed).singleElement()
                .satisfies(r -> assertThat(((ParticleResult.Failed) r).message()).startsWith("timed out after 300ms"));
    }

    @Test
    void protectedReplaceIsRefusedWithoutForceAndNothingChanges() {
        InMemoryProvider provider = InMemoryProvider.instant();
        Stack v1 = Stack.named("s").particle(Particle.of("run", "job").spec("command", "v1").protect(true)).build();
        Stack v2 = Stack.named("s").particle(Particle.of("run", "job").spec("command", "v2").protect(true)).build();
        Reconciler plain = new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults());
        plain.apply(v1);
        assertThat(plain.plan(v2).changes().get(0).action()).isEqualTo(Action.REPLACE);
        assertThatThrownBy(() -> plain.apply(v2)).isInstanceOf(ProtectedException.class).hasMessageContaining("run");
        assertThat(provider.resources.get("s").get("run").spec()).containsEntry("command", "v1");
        assertThat(new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults().withForce(true)).apply(v2).ok())
                .isTrue();
    }

    @Test
    void updatesInPlaceWhenTheTypeCanAndDependentsFollowChangedOutputs() {
        InMemoryProvider provider = InMemoryProvider.instant();
        Reconciler r = new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults());
        r.apply(chain("s"));
        Stack changed = Stack.named("s")
                .particle(Particle.of("a", "file").spec("content", "A2"))
                .particle(Particle.of("b", "file").spec("content", "after ${a.path}"))
                .particle(Particle.of("c", "job").spec("command", "echo ${b.path}"))
                .build();
        Plan plan = r.plan(changed);
        assertThat(plan.changes()).extracting(c -> c.particle() + ":" + c.action().word())
                .containsExactly("a:update", "b:noop", "c:noop");
        assertThat(plan.summary()).containsEntry(Action.UPDATE, 1).containsEntry(Action.NOOP, 2);
    }

    @Test
    void twoConcurrentAppliesOfOneStackDoNotInterleave() throws Exception {
        InMemoryProvider provider = new InMemoryProvider(Duration.ofMillis(20), 4, 0);
        // whichever apply takes the lock holds it (in its first step) until the other one waits for it:
        // the interleaving is forced, not left to timing
        CountDownLatch someoneWaits = new CountDownLatch(1);
        Recorder first = new Recorder(someoneWaits);
        Recorder second = new Recorder(someoneWaits);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<ApplyReport> a = pool.submit(() -> {
                go.await();
                return new Reconciler(provider, first, ApplyOptions.defaults()).apply(chain("s"));
            });
            Future<ApplyReport> b = pool.submit(() -> {
                go.await();
                return new Reconciler(provider, second, ApplyOptions.defaults()).apply(chain("s"));
            });
            go.countDown();
            assertThat(a.get().ok()).isTrue();
            assertThat(b.get().ok()).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(first.waits.size() + second.waits.size()).isEqualTo(1);
        assertThat(first.started.size() + second.started.size()).isEqualTo(3);
        assertThat(provider.count("s")).isEqualTo(3);
        assertThat(provider.calls("create")).isEqualTo(3);
    }

    @org.junit.jupiter.api.RepeatedTest(50)
    void runsEveryParticleExactlyOnceHoweverFastDependenciesFinish() {
        InMemoryProvider provider = InMemoryProvider.instant();
        Stack.Builder b = Stack.named("s");
        for (int i = 0; i < 20; i++) {
            b.particle(Particle.of("root" + i, "file").spec("content", "r"));
            b.particle(Particle.of("leaf" + i, "file").spec("content", "${root" + i + ".path}"));
        }
        Recorder rec = new Recorder();
        assertThat(new Reconciler(provider, rec, ApplyOptions.defaults()).apply(b.build()).ok()).isTrue();
        assertThat(rec.started).hasSize(40).doesNotHaveDuplicates();
        assertThat(provider.calls("create")).isEqualTo(40);
    }
}

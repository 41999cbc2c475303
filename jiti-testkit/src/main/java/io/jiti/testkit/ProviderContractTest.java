package io.jiti.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.ProtectedException;
import io.jiti.engine.Reconciler;
import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.plan.Plan;
import io.jiti.spi.Observed;
import io.jiti.spi.Provider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every provider keeps, run through the real reconciler. A provider's test extends this
 * class and says how to make the provider; it may override {@link #sample} with particles that suit it.
 */
public abstract class ProviderContractTest {
    protected Provider provider;
    private String stackName;

    /** Makes a fresh provider for one test. */
    protected abstract Provider newProvider() throws Exception;

    /** The directory relative paths resolve against. */
    protected Path baseDir() {
        return Path.of("").toAbsolutePath();
    }

    /** A small stack: a file, and a job that reads it through a reference. */
    protected Stack sample(String name, String content, boolean withJob) {
        Stack.Builder b = Stack.named(name).baseDir(baseDir())
                .particle(Particle.of("config", "file").spec("content", content));
        if (withJob) {
            b.particle(Particle.of("check", "job").spec("command", "test -n '${config.path}'"));
        }
        return b.build();
    }

    @BeforeEach
    void start() throws Exception {
        provider = newProvider();
        stackName = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        try {
            reconciler(true).destroy(stackName);
        } finally {
            provider.close();
        }
    }

    protected Reconciler reconciler(boolean force) {
        return new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults().withForce(force));
    }

    @Test
    void upCreatesEveryParticleAndThenPlansNoChange() {
        ApplyReport report = reconciler(false).apply(sample(stackName, "v1", true));
        assertThat(report.ok()).as("%s", report.problems()).isTrue();
        assertThat(report.plan().changes()).extracting(Change::action).containsOnly(Action.CREATE);
        assertThat(report.output("config", "path")).isNotNull();
        assertThat(report.output("check", "exitCode")).isNotNull();
        Plan again = reconciler(false).plan(sample(stackName, "v1", true));
        assertThat(again.hasChanges()).as("%s", again.changes()).isFalse();
    }

    @Test
    void applyIsIdempotent() {
        reconciler(false).apply(sample(stackName, "v1", true));
        ApplyReport second = reconciler(false).apply(sample(stackName, "v1", true));
        assertThat(second.ok()).isTrue();
        assertThat(second.results()).isEmpty();
        assertThat(reconciler(false).observe(stackName)).hasSize(2);
    }

    @Test
    void liveResourcesCarryTheOwnershipMarks() {
        reconciler(false).apply(sample(stackName, "v1", false));
        Map<String, Observed> live = reconciler(false).observe(stackName);
        assertThat(live).containsOnlyKeys("config");
        Observed config = live.get("config");
        assertThat(config.stack()).isEqualTo(stackName);
        assertThat(config.type()).isEqualTo("file");
        assertThat(config.specHash()).matches("[0-9a-f]{16}");
        assertThat(config.spec()).containsEntry("content", "v1");
    }

    @Test
    void aChangedSpecIsPlannedFieldByFieldAndApplied() {
        reconciler(false).apply(sample(stackName, "v1", false));
        Plan plan = reconciler(false).plan(sample(stackName, "v2", false));
        Change change = plan.changes().get(0);
        assertThat(change.action()).isIn(Action.UPDATE, Action.REPLACE);
        assertThat(change.diff()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("spec.content");
            assertThat(d.from()).isEqualTo("v1");
            assertThat(d.to()).isEqualTo("v2");
        });
        assertThat(reconciler(false).apply(sample(stackName, "v2", false)).ok()).isTrue();
        assertThat(reconciler(false).plan(sample(stackName, "v2", false)).hasChanges()).isFalse();
    }

    @Test
    void particlesNoLongerDefinedArePruned() {
        reconciler(false).apply(sample(stackName, "v1", true));
        Plan plan = reconciler(false).plan(sample(stackName, "v1", false));
        assertThat(plan.changes()).filteredOn(c -> c.action() == Action.DELETE).singleElement()
                .satisfies(c -> assertThat(c.particle()).isEqualTo("check"));
        assertThat(reconciler(false).apply(sample(stackName, "v1", false)).ok()).isTrue();
        assertThat(reconciler(false).observe(stackName)).containsOnlyKeys("config");
    }

    @Test
    void downRemovesWhatTheStackOwnsAndNothingElse() {
        String other = stackName + "-other";
        try {
            reconciler(false).apply(sample(other, "keep", false));
            reconciler(false).apply(sample(stackName, "v1", true));
            ApplyReport down = reconciler(false).destroy(stackName);
            assertThat(down.ok()).isTrue();
            assertThat(reconciler(false).observe(stackName)).isEmpty();
            assertThat(reconciler(false).observe(other)).containsOnlyKeys("config");
        } finally {
            reconciler(true).destroy(other);
        }
    }

    @Test
    void protectedParticlesAreNotDeletedWithoutForce() {
        Stack guarded = Stack.named(stackName).baseDir(baseDir())
                .particle(Particle.of("config", "file").spec("content", "x").protect(true)).build();
        reconciler(false).apply(guarded);
        // removing it from the definition is refused, and nothing changes
        Stack without = Stack.named(stackName).baseDir(baseDir())
                .particle(Particle.of("other", "file").spec("content", "y")).build();
        assertThatThrownBy(() -> reconciler(false).apply(without))
                .isInstanceOf(ProtectedException.class).hasMessageContaining("config");
        assertThat(reconciler(false).observe(stackName)).containsOnlyKeys("config");
        // down keeps it (with its data) and says so; down --force removes it
        ApplyReport down = reconciler(false).destroy(stackName);
        assertThat(down.ok()).isTrue();
        assertThat(reconciler(false).observe(stackName)).containsOnlyKeys("config");
        assertThat(reconciler(true).destroy(stackName).ok()).isTrue();
        assertThat(reconciler(false).observe(stackName)).isEmpty();
    }

    /**
     * The spec of a one-instance service this provider can run (a command that listens on {@code $PORT} for
     * a provider that runs processes, an {@code image} for one that runs containers).
     */
    protected Map<String, Object> serviceSpec() {
        return Map.of("command", "serve", "image", "serve:1");
    }

    /** A stack of a secret and a service that gets it in its environment. */
    private Stack withService(String name) {
        return withService(name, io.jiti.api.DesiredState.RUNNING);
    }

    private Stack withService(String name, io.jiti.api.DesiredState state) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>(serviceSpec());
        spec.put("env", Map.of("TOKEN", "${token.value}"));
        return Stack.named(name).baseDir(baseDir())
                .particle(Particle.of("token", "secret").protect(false))
                .particle(new Particle("web", "service", state, spec, List.of(), false, List.of()))
                .build();
    }

    @Test
    void aServiceRunsAndEveryParticleGivesThePortableOutputsOfItsType() {
        ApplyReport up = reconciler(false).apply(withService(stackName));
        assertThat(up.ok()).as("%s", up.problems()).isTrue();
        Map<String, Observed> live = reconciler(false).observe(stackName);
        assertThat(live).containsOnlyKeys("token", "web");
        for (Observed o : live.values()) {
            // up waited (polling a provider's "in progress") until each read ready and ran
            assertThat(o.status()).as(o.name()).isEqualTo(Observed.Status.READY);
            assertThat(o.running()).as(o.name()).isTrue();
            java.util.Set<String> portable = io.jiti.load.TypeCatalog.portable().type(o.type()).orElseThrow()
                    .outputs().keySet();
            assertThat(o.outputs()).as("outputs of %s", o.name()).containsKeys(portable.toArray(String[]::new));
        }
        assertThat(reconciler(false).plan(withService(stackName)).hasChanges()).isFalse();
    }

    @Test
    void replaceRulesNameRealFieldsAndAChangedJobIsReplaced() {
        for (var type : provider.types().values()) {
            if (type instanceof io.jiti.spi.Updater u) {
                var schema = types().type(type.id()).orElseThrow().schema();
                assertThat(u.replaceOn()).as("replaceOn of %s", type.id())
                        .allMatch(f -> schema.path("properties").has(f) || f.equals(io.jiti.spi.SourceDigest.FIELD));
            }
        }
        reconciler(false).apply(sample(stackName, "v1", true));
        Stack changed = sample(stackName, "v1", true);
        Particle job = changed.particles().get(1);
        Map<String, Object> spec = new java.util.LinkedHashMap<>(job.spec());
        spec.put("env", Map.of("RUN", "2"));
        Stack next = Stack.named(stackName).baseDir(baseDir()).particle(changed.particles().get(0))
                .particle(new Particle(job.name(), job.type(), job.state(), spec, job.dependsOn(), job.protect(),
                        job.permissions())).build();
        Change change = reconciler(false).plan(next).changes().stream().filter(c -> c.particle().equals("check"))
                .findFirst().orElseThrow();
        assertThat(change.action()).as("a job runs again on any change: it is replaced").isEqualTo(Action.REPLACE);
        assertThat(reconciler(false).apply(next).ok()).isTrue();
        assertThat(reconciler(false).plan(next).hasChanges()).isFalse();
    }

    @Test
    void aServiceWithALogHasOneAndARotatedSecretRestartsWhatUsesIt() {
        assertThat(reconciler(false).apply(withService(stackName)).ok()).isTrue();
        var service = provider.types().get("service");
        if (service instanceof io.jiti.spi.LogSource logs) {
            List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
            logs.logs(stackName, "web", false, lines::add);
            assertThat(lines).as("one line each").noneMatch(l -> l.contains("\n"));
        }
        if (provider.types().get("secret") instanceof io.jiti.spi.Rotatable rotatable) {
            Observed token = reconciler(false).observe(stackName).get("token");
            assertThat(rotatable.rotate(token)).containsExactly("web");
            Map<String, Observed> after = reconciler(false).observe(stackName);
            assertThat(after.get("token").outputs().get("value"))
                    .as("the reference stays; the value behind it changed").isEqualTo(token.outputs().get("value"));
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(service instanceof io.jiti.spi.LogSource
                || provider.types().get("secret") instanceof io.jiti.spi.Rotatable,
                "this provider has neither logs nor rotation");
    }

    @Test
    void aServiceThatCanStopStopsWithoutBeingDeletedAndStartsAgain() {
        var service = provider.types().get("service");
        org.junit.jupiter.api.Assumptions.assumeTrue(service instanceof io.jiti.spi.Stoppable
                && service instanceof io.jiti.spi.Startable, "this provider's services cannot stop");
        assertThat(reconciler(false).apply(withService(stackName)).ok()).isTrue();

        ApplyReport stop = reconciler(false).apply(withService(stackName, io.jiti.api.DesiredState.STOPPED));
        assertThat(stop.ok()).as("%s", stop.problems()).isTrue();
        assertThat(stop.plan().changes()).filteredOn(c -> c.particle().equals("web")).extracting(Change::action)
                .containsExactly(Action.STOP);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            Observed web = reconciler(false).observe(stackName).get("web");
            assertThat(web).as("stopped, not deleted").isNotNull();
            assertThat(web.running()).isFalse();
            assertThat(web.instances()).as("nothing runs").isEmpty();
        });
        assertThat(reconciler(false).plan(withService(stackName, io.jiti.api.DesiredState.STOPPED)).hasChanges())
                .isFalse();

        ApplyReport start = reconciler(false).apply(withService(stackName));
        assertThat(start.ok()).as("%s", start.problems()).isTrue();
        assertThat(start.plan().changes()).filteredOn(c -> c.particle().equals("web")).extracting(Change::action)
                .containsExactly(Action.START);
        Observed web = reconciler(false).observe(stackName).get("web");
        assertThat(web.running()).isTrue();
        assertThat(web.status()).isEqualTo(Observed.Status.READY);
        assertThat(reconciler(false).plan(withService(stackName)).hasChanges()).isFalse();
    }

    /** The provider's types as stacks are checked against them (the portable ones for a test-only provider). */
    private io.jiti.load.TypeCatalog types() {
        return io.jiti.spi.Providers.factory(provider.id()).isPresent()
                ? io.jiti.load.TypeCatalog.forProvider(provider.id()) : io.jiti.load.TypeCatalog.portable();
    }

    /** The particle names of a list of changes with a given action. */
    protected static List<String> named(Plan plan, Action action) {
        return plan.changes().stream().filter(c -> c.action() == action).map(Change::particle).toList();
    }
}

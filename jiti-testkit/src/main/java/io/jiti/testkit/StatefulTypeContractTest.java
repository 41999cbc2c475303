package io.jiti.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.ProtectedException;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.plan.Plan;
import io.jiti.spi.Observed;
import io.jiti.spi.Provider;
import io.jiti.spi.Stoppable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of every stateful type (one that keeps data: protected by default), run through the
 * loader and the real reconciler, once per {@link Sample} the provider's test gives: create (with the
 * ownership marks and the protection), no change planned afterwards, an in-place change planned as an
 * update, a change that would lose data refused without {@code --force} and leaving the particle as it
 * was, {@code down} keeping it (stopped where the type stops), {@code up} bringing it back with the same
 * outputs, and {@code down --force} deleting it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StatefulTypeContractTest {
    private Provider provider;

    /**
     * One stateful type to put through the contract.
     *
     * @param type      the type id
     * @param name      the particle name
     * @param spec      its spec as a YAML flow mapping, such as {@code {fifo: true}}
     * @param updated   a spec the type changes in place (planned as an update), or null when it has none
     * @param replacing a spec that replaces the particle (and so would lose its data), or null when none
     */
    public record Sample(String type, String name, String spec, String updated, String replacing) {
        @Override
        public String toString() {
            return type;
        }
    }

    /** Makes the provider the samples run on (one for all of them). */
    protected abstract Provider newProvider() throws Exception;

    /** The types to check. */
    protected abstract List<Sample> samples();

    @BeforeAll
    void startProvider() throws Exception {
        provider = newProvider();
    }

    @AfterAll
    void closeProvider() {
        provider.close();
    }

    private Reconciler reconciler(boolean force) {
        return new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults().withForce(force));
    }

    private static Stack stack(String stack, Sample s, String spec) {
        String yaml = "stack: " + stack + "\nparticles:\n  - name: " + s.name() + "\n    type: " + s.type()
                + "\n    spec: " + spec + "\n";
        return StackLoader.builtIn().parse(yaml, "jiti.yaml", Path.of("").toAbsolutePath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void keepsTheStatefulContract(Sample s) {
        String stackName = "stateful-" + s.type() + "-" + UUID.randomUUID().toString().substring(0, 6);
        try {
            // create: the marks, and protected without asking
            ApplyReport up = reconciler(false).apply(stack(stackName, s, s.spec()));
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            assertThat(up.plan().changes()).extracting(Change::action).containsExactly(Action.CREATE);
            Observed created = reconciler(false).observe(stackName).get(s.name());
            assertThat(created.stack()).isEqualTo(stackName);
            assertThat(created.type()).isEqualTo(s.type());
            assertThat(created.specHash()).matches("[0-9a-f]{16}");
            assertThat(created.protect()).as("stateful types are protected by default").isTrue();
            assertThat(created.running()).isTrue();
            assertThat(created.status()).isEqualTo(Observed.Status.READY);
            assertThat(created.outputs()).isNotEmpty();
            assertThat(reconciler(false).plan(stack(stackName, s, s.spec())).hasChanges()).isFalse();

            // a change the type makes in place
            String last = s.spec();
            if (s.updated() != null) {
                Plan plan = reconciler(false).plan(stack(stackName, s, s.updated()));
                assertThat(plan.changes()).extracting(Change::action).containsExactly(Action.UPDATE);
                ApplyReport update = reconciler(false).apply(stack(stackName, s, s.updated()));
                assertThat(update.ok()).as("%s", update.problems()).isTrue();
                assertThat(reconciler(false).plan(stack(stackName, s, s.updated())).hasChanges()).isFalse();
                last = s.updated();
            }
            Map<String, Object> outputs = reconciler(false).observe(stackName).get(s.name()).outputs();

            // a change that would lose the data: refused, nothing changed
            if (s.replacing() != null) {
                String hash = reconciler(false).observe(stackName).get(s.name()).specHash();
                assertThatThrownBy(() -> reconciler(false).apply(stack(stackName, s, s.replacing())))
                        .isInstanceOf(ProtectedException.class).hasMessageContaining(s.name() + " (replace");
                assertThat(reconciler(false).observe(stackName).get(s.name()).specHash()).isEqualTo(hash);
            }

            // down keeps it with its data, stopped where the type stops
            assertThat(reconciler(false).destroy(stackName).ok()).isTrue();
            Observed kept = reconciler(false).observe(stackName).get(s.name());
            assertThat(kept).as("down keeps a stateful particle").isNotNull();
            if (provider.types().get(s.type()) instanceof Stoppable) {
                assertThat(kept.running()).isFalse();
                assertThat(kept.instances()).isEmpty();
            }

            // up again: the same particle, the same outputs
            ApplyReport again = reconciler(false).apply(stack(stackName, s, last));
            assertThat(again.ok()).as("%s", again.problems()).isTrue();
            Observed back = reconciler(false).observe(stackName).get(s.name());
            assertThat(back.running()).isTrue();
            assertThat(back.status()).isEqualTo(Observed.Status.READY);
            assertThat(back.outputs()).isEqualTo(outputs);

            // down --force deletes it
            assertThat(reconciler(true).destroy(stackName).ok()).isTrue();
            assertThat(reconciler(false).observe(stackName)).isEmpty();
        } finally {
            reconciler(true).destroy(stackName);
        }
    }
}

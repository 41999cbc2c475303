package io.jiti.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.blueprints.BlueprintVersion;
import java.util.Map;

import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Target;
import io.jiti.platform.store.Store;

/** Pins a target (its row) to what it is to run: the template version, inputs and components. */
final class Pins {
    private Pins() {
    }

    /** Pins {@code target} to what {@code d} deployed. */
    static void pin(Store tx, Target target, Deployment d) {
        pin(tx, target, d.version(), d.inputs(), d.components());
    }

    /** Pins {@code target} to {@code version} with {@code inputs} and (an instance's) {@code components}. */
    static void pin(Store tx, Target target, BlueprintVersion version, Map<String, Object> inputs, JsonNode components) {
        if (target.isInstance()) {
            Instance i = tx.instance(target.service(), target.environment()).orElseThrow();
            tx.updateInstance(new Instance(i.service(), i.environment(), version, inputs, components, i.created()));
        } else {
            Environment e = tx.environment(target.environment()).orElseThrow();
            tx.updateEnvironment(new Environment(e.name(), e.template(), version, inputs, e.labels(), e.provider(),
                    e.protect(), e.created()));
        }
    }

    /** What {@code target}'s row says it runs: its inputs and (an instance's) components. */
    record Running(Map<String, Object> inputs, JsonNode components) {
    }

    /** What {@code target} runs now, as its row says. */
    static Running current(Store tx, Target target) {
        if (target.isInstance()) {
            Instance i = tx.instance(target.service(), target.environment()).orElseThrow();
            return new Running(i.inputs(), i.components());
        }
        Environment e = tx.environment(target.environment()).orElseThrow();
        return new Running(e.inputs(), null);
    }
}

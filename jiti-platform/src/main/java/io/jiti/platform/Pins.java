package io.jiti.platform;

import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Target;
import io.jiti.platform.store.Store;

/** Pins a target (its row) to what a deployment deploys: the template version, inputs and components. */
final class Pins {
    private Pins() {
    }

    static void pin(Store tx, Target target, Deployment d) {
        if (target.isInstance()) {
            Instance i = tx.instance(target.service(), target.environment()).orElseThrow();
            tx.updateInstance(new Instance(i.service(), i.environment(), d.version(), d.inputs(), d.components(),
                    i.created()));
        } else {
            Environment e = tx.environment(target.environment()).orElseThrow();
            tx.updateEnvironment(new Environment(e.name(), e.template(), d.version(), d.inputs(), e.labels(), e.provider(),
                    e.protect(), e.created()));
        }
    }
}

package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.jiti.spi.Observed;
import java.util.Map;

/** A postgres's StatefulSet: ready when its pod runs the current revision and answers {@code pg_isready}. */
final class StatefulSetHealth implements Health {

    @Override
    public Reading read(HasMetadata main, Cluster cluster) {
        StatefulSet set = (StatefulSet) main;
        int wanted = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        var s = set.getStatus();
        if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < DeploymentHealth.generation(set)) {
            return new Reading(Observed.Status.PROGRESSING, "starting", wanted > 0, Map.of());
        }
        int ready = s.getReadyReplicas() == null ? 0 : s.getReadyReplicas();
        boolean current = s.getUpdateRevision() == null || s.getUpdateRevision().equals(s.getCurrentRevision());
        if (ready >= wanted && current) {
            return new Reading(Observed.Status.READY, "", wanted > 0, Map.of());
        }
        return new Reading(Observed.Status.PROGRESSING, ready + " of " + wanted + " pods ready", wanted > 0, Map.of());
    }
}

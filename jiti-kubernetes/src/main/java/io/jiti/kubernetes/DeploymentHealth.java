package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.jiti.spi.Observed;
import java.util.Map;

/**
 * A service's Deployment: ready when every wanted pod runs the current template and is ready and the old ones
 * are gone. A rollout whose new pods are not ready within {@code readyTimeout} (the Deployment's progress
 * deadline) is undone here, once, as the local provider does ({@link Rollback}): the previous pods keep serving
 * and the particle reads failed until the next apply. Reading the Deployment (polling a rollout, or
 * {@code jiti status}) is what notices the missed deadline; a cluster has no controller that undoes it.
 */
final class DeploymentHealth implements Health {

    @Override
    public Reading read(HasMetadata main, Cluster cluster) {
        Deployment d = (Deployment) main;
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        boolean running = wanted > 0;
        String want = Marks.annotation(d, Marks.SPEC_HASH);
        Map<String, String> template = d.getSpec().getTemplate().getMetadata().getAnnotations();
        String runs = template == null ? "" : template.getOrDefault(Marks.SPEC_HASH, "");
        if (!want.equals(runs)) {
            return new Reading(Observed.Status.FAILED, "rolled back: the new pods were not ready within readyTimeout;"
                    + " the previous version serves (see the pods' events and logs)", running, Map.of());
        }
        DeploymentStatus s = d.getStatus();
        Long observed = s == null ? null : s.getObservedGeneration();
        if (s == null || observed == null || observed < generation(d)) {
            return new Reading(Observed.Status.PROGRESSING, "rolling out", running, Map.of());
        }
        if (s.getConditions() != null) {
            for (DeploymentCondition c : s.getConditions()) {
                if ("Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                        && "ProgressDeadlineExceeded".equals(c.getReason())) {
                    if (Rollback.undo(d, cluster)) {
                        return new Reading(Observed.Status.FAILED, "the new pods were not ready within readyTimeout:"
                                + " rolling back to the previous version", running, Map.of());
                    }
                    return new Reading(Observed.Status.FAILED, "the pods were not ready within readyTimeout, and"
                            + " there is no earlier version to go back to (see the pods' events and logs)", running,
                            Map.of());
                }
            }
        }
        int updated = count(s.getUpdatedReplicas());
        int ready = count(s.getReadyReplicas());
        int total = count(s.getReplicas());
        if (updated >= wanted && ready >= wanted && total <= wanted) {
            return new Reading(Observed.Status.READY, "", running, Map.of());
        }
        return new Reading(Observed.Status.PROGRESSING, ready + " of " + wanted + " pods ready", running, Map.of());
    }

    static long generation(HasMetadata o) {
        Long g = o.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }
}

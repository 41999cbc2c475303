package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jiti.spi.Observed;
import java.util.Map;

/** How a particle's main object is doing, as its type reads its status. */
interface Health {

    /**
     * What the status says.
     *
     * @param status  ready, progressing or failed
     * @param message what is going on, or empty
     * @param running whether it runs (a service scaled to zero does not)
     * @param outputs outputs only the live object knows (a job's exit code)
     */
    record Reading(Observed.Status status, String message, boolean running, Map<String, Object> outputs) {
        static Reading ready() {
            return new Reading(Observed.Status.READY, "", true, Map.of());
        }
    }

    /** The reading of {@code main} (of this type's main kind). */
    Reading read(HasMetadata main, Cluster cluster);

    /** For objects that are done once stored (ConfigMap, Secret). */
    Health STORED = (main, cluster) -> Reading.ready();
}

package io.jiti.spi;

import java.util.List;
import java.util.Map;

/**
 * A live resource as the provider reports it, with the ownership marks it carries.
 *
 * @param stack     the owning stack
 * @param name      the particle name
 * @param type      the type id
 * @param specHash  the hash of the spec it was made from
 * @param spec      the spec it was made from (for field-level diffs)
 * @param running   whether it runs (false when stopped)
 * @param status    ready, progressing or failed
 * @param message   what the provider says about the status, or empty
 * @param outputs   what other particles may reference
 * @param protect   the protect mark it was made with
 * @param dependsOn what it depended on when made (for prune order)
 * @param instances the running instances, for types that have them
 * @param events    the provider's recent decisions about it (replaced, scaled, rolled back), oldest first
 * @param metrics   current figures, such as requests per second or latency percentiles, by name
 */
public record Observed(String stack, String name, String type, String specHash, Map<String, Object> spec,
                       boolean running, Status status, String message, Map<String, Object> outputs,
                       boolean protect, List<String> dependsOn, List<Instance> instances, List<String> events,
                       Map<String, Object> metrics) {

    public Observed {
        events = events == null ? List.of() : List.copyOf(events);
        metrics = metrics == null ? Map.of() : metrics;
        spec = spec == null ? Map.of() : spec;
        outputs = outputs == null ? Map.of() : outputs;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        instances = instances == null ? List.of() : List.copyOf(instances);
        message = message == null ? "" : message;
        status = status == null ? Status.READY : status;
    }

    /** An observation without events or metrics. */
    public Observed(String stack, String name, String type, String specHash, Map<String, Object> spec,
                    boolean running, Status status, String message, Map<String, Object> outputs,
                    boolean protect, List<String> dependsOn, List<Instance> instances) {
        this(stack, name, type, specHash, spec, running, status, message, outputs, protect, dependsOn, instances,
                List.of(), Map.of());
    }

    /**
     * How a live resource is doing. {@code PREPARING} is work before the resource can run at all, such as a
     * build, under a time limit the provider sets and enforces itself: an operation's timeout starts only
     * after it (a three-minute build must not eat a two-minute wait for readiness).
     */
    public enum Status {
        READY, PROGRESSING, PREPARING, FAILED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether the resource is still on its way to what it was asked to be (preparing or progressing). */
        public boolean inProgress() {
            return this == PROGRESSING || this == PREPARING;
        }
    }
}

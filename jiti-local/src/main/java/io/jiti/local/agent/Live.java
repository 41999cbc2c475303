package io.jiti.local.agent;

import java.util.List;
import java.util.Map;

/**
 * A particle as the agent reports it on its control API: the agent's own wire type, so that a change of the
 * provider SPI is never a change of the protocol a running agent (perhaps of an older build) speaks. The
 * client turns it into the SPI's observation ({@code io.jiti.local.AgentWire}).
 *
 * @param stack     the owning stack
 * @param name      the particle name
 * @param type      the type id
 * @param specHash  the hash of the spec it was made from
 * @param spec      the spec it was made from
 * @param running   whether it runs
 * @param status    ready, progressing, preparing or failed
 * @param message   what the agent says about the status, or empty
 * @param outputs   its outputs
 * @param protect   the protect mark it was made with
 * @param dependsOn what it depended on when made
 * @param instances its processes
 * @param events    the agent's recent decisions about it, oldest first
 * @param metrics   current figures by name
 */
public record Live(String stack, String name, String type, String specHash, Map<String, Object> spec,
                   boolean running, Status status, String message, Map<String, Object> outputs,
                   boolean protect, List<String> dependsOn, List<LiveInstance> instances, List<String> events,
                   Map<String, Object> metrics) {

    public Live {
        events = events == null ? List.of() : List.copyOf(events);
        metrics = metrics == null ? Map.of() : metrics;
        spec = spec == null ? Map.of() : spec;
        outputs = outputs == null ? Map.of() : outputs;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        instances = instances == null ? List.of() : List.copyOf(instances);
        message = message == null ? "" : message;
        status = status == null ? Status.READY : status;
    }

    /** A report without events or metrics. */
    public Live(String stack, String name, String type, String specHash, Map<String, Object> spec,
                boolean running, Status status, String message, Map<String, Object> outputs,
                boolean protect, List<String> dependsOn, List<LiveInstance> instances) {
        this(stack, name, type, specHash, spec, running, status, message, outputs, protect, dependsOn, instances,
                List.of(), Map.of());
    }

    /** How a particle is doing, as the protocol spells it. */
    public enum Status {
        READY, PROGRESSING, PREPARING, FAILED;

        /** The status in lower case. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether it is still on its way (preparing or progressing). */
        public boolean inProgress() {
            return this == PROGRESSING || this == PREPARING;
        }
    }
}

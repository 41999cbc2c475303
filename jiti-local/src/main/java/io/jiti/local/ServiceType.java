package io.jiti.local;

/** {@code service} on the agent: updated in place (new instances replace old ones once healthy), started, stopped. */
final class ServiceType extends RunningType {

    ServiceType(AgentClient agent) {
        super("service", agent);
    }
}

package io.jiti.platform.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.blueprints.BlueprintVersion;
import java.time.Instant;
import java.util.Map;

/**
 * A service in one environment: a stack of its own with the environment's outputs bound.
 *
 * @param service     the service
 * @param environment the environment
 * @param version     the template version it is pinned to
 * @param inputs      the template's parameters
 * @param components  particles of the developer's own deployed with it (an array, maybe empty)
 * @param created     when it was created
 */
public record Instance(String service, String environment, BlueprintVersion version, Map<String, Object> inputs,
                       JsonNode components, Instant created) {

    public Instance {
        inputs = Map.copyOf(inputs);
    }

    /** The deployment target it is. */
    public Target target() {
        return Target.instance(service, environment);
    }
}

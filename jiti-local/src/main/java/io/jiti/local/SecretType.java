package io.jiti.local;

import io.jiti.spi.Desired;
import io.jiti.spi.Outcome;
import java.util.Map;

/**
 * {@code secret} on the agent: created (and replaced), never updated in place or stopped. A {@code fromEnv}
 * value is read here, in the process that runs jiti, and sent to the agent apart from the spec, so it is
 * in no plan, record or log.
 */
final class SecretType extends AgentType {

    SecretType(AgentClient agent) {
        super("secret", agent);
    }

    @Override
    public Outcome create(Desired d) {
        ParticleRequest req = request(d);
        Object fromEnv = d.spec().get("fromEnv");
        if (fromEnv != null && System.getenv(String.valueOf(fromEnv)) != null) {
            req = req.withSupplied(Map.of("value", System.getenv(String.valueOf(fromEnv))));
        }
        return settle(agent.put(d.stack(), d.name(), req));
    }
}

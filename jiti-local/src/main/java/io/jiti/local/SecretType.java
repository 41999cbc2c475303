package io.jiti.local;

import io.jiti.api.JitiException;
import io.jiti.spi.Desired;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.Rotatable;
import java.util.List;
import java.util.Map;

/**
 * {@code secret} on the agent: created (and replaced), never updated in place or stopped; rotated on
 * demand, which restarts the services that use it. A {@code fromEnv} value is read here, in the process
 * that runs jiti, and sent to the agent apart from the spec, so it is in no plan, record or log.
 */
final class SecretType extends AgentType implements Rotatable {

    private final Map<String, String> env;

    /** @param env where {@code fromEnv} values are read: the environment of whoever runs jiti */
    SecretType(AgentClient agent, Map<String, String> env) {
        super("secret", agent);
        this.env = Map.copyOf(env);
    }

    @Override
    public Outcome create(Desired d) {
        ParticleRequest req = request(d);
        Map<String, String> supplied = supplied(d.spec());
        if (supplied != null) {
            req = req.withSupplied(supplied);
        }
        return settle(agent.put(d.stack(), d.name(), req));
    }

    /**
     * A generated secret gets a new value of the same length and alphabet; a {@code fromEnv} one takes the
     * variable's value now (rotate it at the source first).
     */
    @Override
    public List<String> rotate(Observed current) {
        Object fromEnv = current.spec().get("fromEnv");
        Map<String, String> supplied = supplied(current.spec());
        if (fromEnv != null && supplied == null) {
            throw new JitiException("secret " + current.name() + " comes from environment variable " + fromEnv
                    + ", which is not set here; set it to the new value and run this again");
        }
        return agent.rotate(current.stack(), current.name(), supplied == null ? Map.of() : supplied);
    }

    private Map<String, String> supplied(Map<String, Object> spec) {
        Object fromEnv = spec.get("fromEnv");
        String value = fromEnv == null ? null : env.get(String.valueOf(fromEnv));
        return value == null ? null : Map.of("value", value);
    }
}

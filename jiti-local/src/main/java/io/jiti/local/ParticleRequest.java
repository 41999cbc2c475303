package io.jiti.local;

import java.util.List;
import java.util.Map;

/**
 * The body of a create or update sent to the agent.
 *
 * @param type      the type id
 * @param spec      the resolved spec
 * @param specHash  the ownership hash
 * @param running   whether it should run
 * @param protect   the protect mark
 * @param dependsOn what it depends on, for prune order
 * @param workdir   the absolute working directory for commands
 * @param supplied  secret values the client supplies (a {@code secret}'s {@code fromEnv}), sealed by the
 *                  agent and never written as they are; null when none
 */
public record ParticleRequest(String type, Map<String, Object> spec, String specHash, boolean running,
                              boolean protect, List<String> dependsOn, String workdir, Map<String, String> supplied) {

    /** A request without supplied secrets. */
    public ParticleRequest(String type, Map<String, Object> spec, String specHash, boolean running, boolean protect,
                           List<String> dependsOn, String workdir) {
        this(type, spec, specHash, running, protect, dependsOn, workdir, null);
    }

    /** This request with supplied secret values. */
    public ParticleRequest withSupplied(Map<String, String> values) {
        return new ParticleRequest(type, spec, specHash, running, protect, dependsOn, workdir, values);
    }

    /** Never shows supplied values. */
    @Override
    public String toString() {
        return "ParticleRequest[" + type + ", " + specHash + (supplied == null ? "" : ", supplied: (sensitive)") + "]";
    }
}

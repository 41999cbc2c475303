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
 */
public record ParticleRequest(String type, Map<String, Object> spec, String specHash, boolean running,
                              boolean protect, List<String> dependsOn, String workdir) {
}

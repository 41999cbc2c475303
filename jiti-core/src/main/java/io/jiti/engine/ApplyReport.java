package io.jiti.engine;

import io.jiti.plan.Plan;
import java.util.List;
import java.util.Map;

/**
 * What apply did.
 *
 * @param plan    the plan it started from
 * @param results one result per particle that needed work, in completion order
 * @param outputs the outputs of every particle after apply, by particle name
 */
public record ApplyReport(Plan plan, List<ParticleResult> results, Map<String, Map<String, Object>> outputs) {

    /** Whether every particle converged. */
    public boolean ok() {
        return results.stream().allMatch(r -> r instanceof ParticleResult.Succeeded);
    }

    /** The failed and skipped particles. */
    public List<ParticleResult> problems() {
        return results.stream().filter(r -> !(r instanceof ParticleResult.Succeeded)).toList();
    }

    /** One output, or null. */
    public Object output(String particle, String name) {
        return outputs.getOrDefault(particle, Map.of()).get(name);
    }
}

package io.jiti.platform.model;

import java.util.List;
import java.util.Optional;

/**
 * A service's pipeline: ordered stages a release moves through; from one to the next automatically when the
 * stage is healthy (every release of it live), or after an approval where the next stage asks for one.
 *
 * @param service the service
 * @param stages  its stages, in order
 */
public record Pipeline(String service, List<Stage> stages) {

    public Pipeline {
        stages = List.copyOf(stages);
    }

    /** The stage holding {@code environment}. */
    public Optional<Integer> stageOf(String environment) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).environments().contains(environment)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}

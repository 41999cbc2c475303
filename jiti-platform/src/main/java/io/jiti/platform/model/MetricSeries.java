package io.jiti.platform.model;

import java.util.List;

/**
 * A target's samples over a window, oldest first, with the deployments that happened in it (charts mark them).
 *
 * @param target      the environment or instance
 * @param samples     the samples
 * @param deployments the deployments created in the window, oldest first
 */
public record MetricSeries(Target target, List<MetricSample> samples, List<Deployment> deployments) {

    public MetricSeries {
        samples = List.copyOf(samples);
        deployments = List.copyOf(deployments);
    }
}

package io.jiti.platform.model;

import java.time.Instant;

/**
 * What the provider reported about a deployed target at one moment, summed over its services.
 *
 * @param target            the environment or instance
 * @param at                when it was sampled
 * @param requestsPerSecond requests per second through its load balancers
 * @param latencyP99Ms      the slowest service's 99th percentile latency, in milliseconds
 * @param errorRate         the worst service's share of answers that were errors (0 to 1)
 * @param instances         running service instances
 */
public record MetricSample(Target target, Instant at, double requestsPerSecond, double latencyP99Ms, double errorRate,
                           int instances) {
}

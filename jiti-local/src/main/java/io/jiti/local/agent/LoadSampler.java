package io.jiti.local.agent;

import io.jiti.proxy.LatencyHistogram;
import io.jiti.proxy.MetricsSnapshot;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's load, sampled once a second from its load balancer and its processes: requests per second,
 * requests in flight, latency percentiles and error rate over the last second, CPU of its instances.
 */
final class LoadSampler {
    private static final long INTERVAL_MILLIS = 1000;
    private final CpuSampler cpu = new CpuSampler();
    private long lastAt;
    private long lastRequests;
    private long lastResponses;
    private long lastErrors;
    private long[] lastLatency;
    private volatile Map<String, Object> summary = Map.of();

    /** One sample: totals over all instances. */
    record Sample(double requestsPerSecond, double inFlight, double cpuPercent) {
    }

    boolean due(long nowMillis) {
        return nowMillis - lastAt >= INTERVAL_MILLIS;
    }

    Sample take(long nowMillis, MetricsSnapshot m, Collection<Long> pids) {
        double seconds = lastAt == 0 ? 1 : (nowMillis - lastAt) / 1000.0;
        long requests = m.requests();
        long responses = m.responses();
        long errors = m.serverErrors() + m.proxyErrors();
        long[] latency = m.latencyCounts();
        double rps = lastAt == 0 ? 0 : (requests - lastRequests) / seconds;
        long answered = responses - lastResponses;
        double errorRate = answered <= 0 ? 0 : (double) (errors - lastErrors) / answered;
        long[] window = LatencyHistogram.minus(latency, lastLatency);
        double cpuPercent = cpu.percent(pids, System.nanoTime());
        lastAt = nowMillis;
        lastRequests = requests;
        lastResponses = responses;
        lastErrors = errors;
        lastLatency = latency;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("requestsPerSecond", round(rps));
        s.put("inFlight", m.inFlight());
        s.put("latencyP50Ms", round(LatencyHistogram.quantileMillis(window, 0.5)));
        s.put("latencyP99Ms", round(LatencyHistogram.quantileMillis(window, 0.99)));
        s.put("errorRate", round(errorRate));
        s.put("cpuPercent", round(cpuPercent));
        summary = s;
        return new Sample(rps, m.inFlight(), cpuPercent);
    }

    /** The figures of the last sample. */
    Map<String, Object> summary() {
        return summary;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

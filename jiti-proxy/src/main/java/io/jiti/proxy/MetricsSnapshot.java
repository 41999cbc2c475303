package io.jiti.proxy;

/**
 * The counters of one proxy at one moment, as plain values (to hand to another process).
 *
 * @param requests       requests received
 * @param inFlight       requests whose response has not ended
 * @param retries        attempts made again on another backend
 * @param proxyErrors    error responses the proxy made itself
 * @param serverErrors   5xx responses from backends
 * @param responses      responses that ended
 * @param latencyCounts  the latency histogram's counts per bucket ({@link LatencyHistogram#upperSeconds})
 * @param latencySeconds the sum of all latencies, in seconds
 */
public record MetricsSnapshot(long requests, int inFlight, long retries, long proxyErrors, long serverErrors,
                              long responses, long[] latencyCounts, double latencySeconds) {

    /** Nothing counted yet. */
    public static MetricsSnapshot empty() {
        return new MetricsSnapshot(0, 0, 0, 0, 0, 0, new long[LatencyHistogram.buckets()], 0);
    }
}

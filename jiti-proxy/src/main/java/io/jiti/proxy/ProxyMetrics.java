package io.jiti.proxy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one proxy, safe to read from any thread. */
public final class ProxyMetrics {
    final LongAdder requests = new LongAdder();
    final AtomicInteger inFlight = new AtomicInteger();
    final LongAdder retries = new LongAdder();
    final LongAdder proxyErrors = new LongAdder();
    final LongAdder serverErrors = new LongAdder();
    final LongAdder responses = new LongAdder();
    final LatencyHistogram latency = new LatencyHistogram();
    final LongAdder latencyNanos = new LongAdder();

    /** Counts a response that ended, for a request that arrived at {@code startNanos}. */
    void ended(long startNanos) {
        inFlight.decrementAndGet();
        responses.increment();
        long took = System.nanoTime() - startNanos;
        latency.record(took);
        latencyNanos.add(took);
    }

    /** Requests received. */
    public long requests() {
        return requests.sum();
    }

    /** Requests whose response has not ended yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Attempts made again on another backend. */
    public long retries() {
        return retries.sum();
    }

    /** Error responses the proxy made itself (502, 503, 504, 413, 400). */
    public long proxyErrors() {
        return proxyErrors.sum();
    }

    /** Responses that ended, whoever made them. */
    public long responses() {
        return responses.sum();
    }

    /** Time from a request's arrival to the end of its response. */
    public LatencyHistogram latency() {
        return latency;
    }

    /** The sum of all latencies, in seconds. */
    public double latencySeconds() {
        return latencyNanos.sum() / 1e9;
    }

    /** All counters now. */
    public MetricsSnapshot snapshot() {
        return new MetricsSnapshot(requests(), inFlight(), retries(), proxyErrors(), serverErrors(), responses(),
                latency.snapshot(), latencySeconds());
    }

    /** 5xx responses that came from backends. */
    public long serverErrors() {
        return serverErrors.sum();
    }
}

package io.jiti.proxy;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Request latencies in fixed buckets growing by about 19% each (four per doubling), from 10 µs to about
 * 3 minutes: lock-free to record, good to about a tenth for percentiles, and cumulative counts per bound
 * for Prometheus.
 */
public final class LatencyHistogram {
    private static final int PER_DOUBLING = 4;
    private static final int BUCKETS = 4 * 25;
    private static final double FIRST_MICROS = 10;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);

    /** Records one latency. */
    public void record(long nanos) {
        double micros = nanos / 1000.0;
        int i = micros <= FIRST_MICROS ? 0
                : (int) Math.ceil(PER_DOUBLING * Math.log(micros / FIRST_MICROS) / Math.log(2));
        counts.incrementAndGet(Math.min(i, BUCKETS));
    }

    /** The upper bound of bucket {@code i} in seconds (the last bucket is unbounded). */
    public static double upperSeconds(int i) {
        return FIRST_MICROS * Math.pow(2, (double) i / PER_DOUBLING) / 1e6;
    }

    /** The number of buckets, the last unbounded one included. */
    public static int buckets() {
        return BUCKETS + 1;
    }

    /** A snapshot of the counts per bucket. */
    public long[] snapshot() {
        long[] out = new long[counts.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    /** The {@code q} quantile (0..1) in milliseconds of a snapshot, or 0 when empty; bucket upper bounds. */
    public static double quantileMillis(long[] snapshot, double q) {
        long total = 0;
        for (long c : snapshot) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < snapshot.length; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return upperSeconds(Math.min(i, BUCKETS - 1)) * 1000;
            }
        }
        return upperSeconds(BUCKETS - 1) * 1000;
    }

    /** Counts of {@code now} minus {@code before}: the latencies recorded in between. */
    public static long[] minus(long[] now, long[] before) {
        long[] out = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            out[i] = now[i] - (before == null ? 0 : before[i]);
        }
        return out;
    }
}

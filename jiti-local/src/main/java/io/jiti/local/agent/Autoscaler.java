package io.jiti.local.agent;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * Decides a service's instance count from one metric sampled every second: desired =
 * ceil(current × perInstance / target), unchanged within a 10% tolerance, clamped to [min, max]. Scaling
 * out happens at once; scaling in only to the highest count recommended during the stabilization window,
 * so a short lull does not shed instances a returning load needs.
 */
final class Autoscaler {
    /** What is measured per instance. */
    enum Metric { INFLIGHT, RPS, CPU }

    private static final double TOLERANCE = 0.1;
    private final int min;
    private final int max;
    private final Metric metric;
    private final double target;
    private final long windowMillis;
    private final ArrayDeque<long[]> recommendations = new ArrayDeque<>();

    Autoscaler(int min, int max, Metric metric, double target, long windowMillis) {
        this.min = min;
        this.max = max;
        this.metric = metric;
        this.target = target;
        this.windowMillis = windowMillis;
    }

    /** The autoscaler of a spec's {@code autoscale} block, or null when it has none. */
    static Autoscaler of(Map<String, Object> spec) {
        if (!(spec.get("autoscale") instanceof Map<?, ?> a) || !(a.get("target") instanceof Map<?, ?> t)
                || t.isEmpty()) {
            return null;
        }
        Map.Entry<?, ?> e = t.entrySet().iterator().next();
        Metric m = Metric.valueOf(String.valueOf(e.getKey()).toUpperCase(java.util.Locale.ROOT));
        int lo = a.get("min") instanceof Number n ? n.intValue() : 1;
        int hi = ((Number) a.get("max")).intValue();
        long window = (a.get("stabilization") instanceof Number n ? n.longValue() : 60) * 1000;
        return new Autoscaler(lo, Math.max(lo, hi), m, ((Number) e.getValue()).doubleValue(), window);
    }

    Metric metric() {
        return metric;
    }

    int min() {
        return min;
    }

    /** The count to run, given the count now and the metric's total over all instances. */
    int decide(long nowMillis, int current, double total) {
        int base = Math.max(current, 1);
        double ratio = (total / base) / target;
        int recommended = Math.abs(ratio - 1) <= TOLERANCE ? base : (int) Math.ceil(base * ratio);
        recommended = Math.max(min, Math.min(max, recommended));
        recommendations.addLast(new long[] {nowMillis, recommended});
        while (!recommendations.isEmpty() && nowMillis - recommendations.peekFirst()[0] > windowMillis) {
            recommendations.removeFirst();
        }
        if (recommended >= current) {
            return Math.max(recommended, min);
        }
        long highest = recommendations.stream().mapToLong(r -> r[1]).max().orElse(recommended);
        return (int) Math.max(min, Math.min(current, highest));
    }
}

package io.jiti.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void quantilesAreWithinABucketOfTheTruth() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.record(ms * 1_000_000L);
        }
        long[] s = h.snapshot();
        assertThat(LatencyHistogram.quantileMillis(s, 0.5)).isCloseTo(50, within(50 * 0.2));
        assertThat(LatencyHistogram.quantileMillis(s, 0.99)).isCloseTo(99, within(99 * 0.2));
        assertThat(LatencyHistogram.quantileMillis(new long[s.length], 0.5)).isZero();
    }

    @Test
    void differencesGiveTheLatenciesInBetween() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1_000_000);
        long[] before = h.snapshot();
        h.record(100_000_000);
        assertThat(LatencyHistogram.quantileMillis(LatencyHistogram.minus(h.snapshot(), before), 0.5))
                .isCloseTo(100, within(20.0));
    }
}

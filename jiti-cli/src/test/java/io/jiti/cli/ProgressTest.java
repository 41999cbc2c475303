package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Progress lines show seconds with one decimal, rounded as {@code %.1f} would. */
class ProgressTest {
    @Test
    void secondsHaveOneDecimalRoundedHalfUp() {
        assertThat(Progress.seconds(0)).isEqualTo("0.0");
        assertThat(Progress.seconds(49)).isEqualTo("0.0");
        assertThat(Progress.seconds(50)).isEqualTo("0.1");
        assertThat(Progress.seconds(12_345)).isEqualTo("12.3");
        assertThat(Progress.seconds(99_960)).isEqualTo("100.0");
        for (long ms = 0; ms < 5000; ms += 7) {
            assertThat(Progress.seconds(ms)).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0));
        }
    }
}

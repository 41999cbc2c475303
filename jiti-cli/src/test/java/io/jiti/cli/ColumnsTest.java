package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Columns pad exactly as {@code %-Ns} and {@code %Ns} do. */
class ColumnsTest {
    @Test
    void padsLikeAFormatterAndNeverCuts() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            String s = "x".repeat(random.nextInt(12)) + (random.nextBoolean() ? "\u00e9" : "");
            int width = 1 + random.nextInt(12);
            assertThat(Columns.pad(s, width)).isEqualTo(String.format("%-" + width + "s", s));
            assertThat(Columns.right(s, width)).isEqualTo(String.format("%" + width + "s", s));
        }
        assertThat(Columns.pad("long-name", 3)).isEqualTo("long-name");
        assertThat(Columns.pad("", 2)).isEqualTo("  ");
    }
}

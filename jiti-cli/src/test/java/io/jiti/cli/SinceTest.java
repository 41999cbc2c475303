package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code jiti logs --since}: durations back from now or instants, applied to the collection time of each line. */
class SinceTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void durationsAndInstants() {
        assertThat(Since.parse("30s", NOW).from()).isEqualTo(Instant.parse("2026-11-28T11:59:30Z"));
        assertThat(Since.parse("10m", NOW).from()).isEqualTo(Instant.parse("2026-11-28T11:50:00Z"));
        assertThat(Since.parse("2h", NOW).from()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(Since.parse("1d", NOW).from()).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
        assertThat(Since.parse("2026-11-28T09:00:00Z", NOW).from()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
        assertThatThrownBy(() -> Since.parse("yesterday", NOW)).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("30s, 10m, 2h, 1d");
    }

    @Test
    void keepsTheLinesCollectedSinceThen() {
        Since s = Since.parse("10m", NOW);
        assertThat(s.test("[web-1a2b] 2026-11-28T11:55:00.123456Z listening on 127.0.0.1:4000")).isTrue();
        assertThat(s.test("[web-1a2b] 2026-11-28T11:49:59Z started")).isFalse();
        assertThat(s.test("[build] not a time")).isTrue();
        assertThat(s.test("no prefix")).isTrue();
    }

    @Test
    void aBadValueIsAUsageError() {
        BadInputTest.Result r = BadInputTest.run("logs", "web", "--since", "soon", "../examples/hello");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--since: 'soon' is neither a duration");
    }
}

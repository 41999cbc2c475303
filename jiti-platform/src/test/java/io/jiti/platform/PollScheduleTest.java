package io.jiti.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a source or template repository is polled. */
class PollScheduleTest {
    private final Instant t0 = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void dueOneIntervalAfterFirstSeenThenOneIntervalAfterEachPoll() {
        PollSchedule s = new PollSchedule();
        assertThat(s.due("a", 60, t0)).as("first seen: booked, not due").isFalse();
        assertThat(s.due("a", 60, t0.plusSeconds(59))).isFalse();
        assertThat(s.due("a", 60, t0.plusSeconds(60))).isTrue();
        assertThat(s.due("a", 60, t0.plusSeconds(61))).as("just polled").isFalse();
        assertThat(s.due("a", 60, t0.plusSeconds(125))).isTrue();
        assertThat(s.due("b", 60, t0.plusSeconds(125))).as("each key on its own").isFalse();
    }

    @Test
    void noIntervalNeverPolls() {
        PollSchedule s = new PollSchedule();
        assertThat(s.due("a", 0, t0)).isFalse();
        assertThat(s.due("a", 0, t0.plusSeconds(3600))).isFalse();
        assertThat(s.due("a", -1, t0.plusSeconds(7200))).isFalse();
    }
}

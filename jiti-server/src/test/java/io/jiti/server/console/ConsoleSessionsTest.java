package io.jiti.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Sessions end when idle or old, are bounded in number, and are found only by their exact id. */
class ConsoleSessionsTest {
    private Instant now = Instant.parse("2026-11-28T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void idleAndOldSessionsEnd() {
        ConsoleSessions sessions = new ConsoleSessions(clock);
        ConsoleSession s = sessions.open("jiti_a");
        assertThat(s.id()).hasSize(43).isNotEqualTo(s.csrf());
        now = now.plus(ConsoleSessions.IDLE.minusMinutes(1));
        assertThat(sessions.find(s.id())).isPresent();
        now = now.plus(ConsoleSessions.IDLE.minusMinutes(1));
        assertThat(sessions.find(s.id())).as("used within the idle time").isPresent();
        now = now.plus(ConsoleSessions.IDLE);
        assertThat(sessions.find(s.id())).as("idle too long").isEmpty();

        ConsoleSession busy = sessions.open("jiti_b");
        for (int i = 0; i < 30; i++) {
            now = now.plus(Duration.ofHours(1));
            sessions.find(busy.id());
        }
        assertThat(sessions.find(busy.id())).as("older than its lifetime").isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find(busy.id().substring(1) + "x")).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedGoesWhenFull() {
        ConsoleSessions sessions = new ConsoleSessions(clock);
        ConsoleSession first = sessions.open("jiti_first");
        for (int i = 1; i < ConsoleSessions.MAX; i++) {
            now = now.plusMillis(1);
            sessions.open("jiti_" + i);
        }
        now = now.plusMillis(1);
        ConsoleSession last = sessions.open("jiti_last");
        assertThat(sessions.size()).isEqualTo(ConsoleSessions.MAX);
        assertThat(sessions.find(first.id())).isEmpty();
        assertThat(sessions.find(last.id())).isPresent();
    }

    @Test
    void chartScalesAreRound() {
        assertThat(Charts.niceCeiling(42.5)).isEqualTo(50);
        assertThat(Charts.niceCeiling(0.013)).isEqualTo(0.02);
        assertThat(Charts.niceCeiling(2)).isEqualTo(2);
        assertThat(Charts.niceCeiling(101)).isEqualTo(200);
    }
}

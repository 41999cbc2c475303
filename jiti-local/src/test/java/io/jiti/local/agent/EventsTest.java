package io.jiti.local.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A particle's events.log rotates: a particle that keeps failing cannot fill the disk with events. */
class EventsTest {
    @TempDir
    Path dir;

    @Test
    void eventsLogRotatesAtOneMebibyteKeepingTwoOlderFilesAndTheLatestEvents() throws IOException {
        Events events = new Events(dir);
        String padding = "x".repeat(200);
        int n = 20_000; // about 4.5 MB of events
        for (int i = 0; i < n; i++) {
            events.add("event " + i + " " + padding);
        }
        Path log = dir.resolve("events.log");
        assertThat(Files.size(log)).isLessThanOrEqualTo(1024 * 1024);
        assertThat(dir.resolve("events.log.1")).exists();
        assertThat(Files.size(dir.resolve("events.log.1"))).isLessThanOrEqualTo(1024 * 1024);
        assertThat(dir.resolve("events.log.2")).exists();
        assertThat(dir.resolve("events.log.3")).doesNotExist();
        // the newest events, in order and whole, across the files kept
        List<String> kept = new ArrayList<>();
        for (String name : List.of("events.log.2", "events.log.1", "events.log")) {
            kept.addAll(Files.readAllLines(dir.resolve(name)));
        }
        assertThat(kept.get(kept.size() - 1)).endsWith("event " + (n - 1) + " " + padding);
        for (int i = 1; i < kept.size(); i++) {
            int previous = number(kept.get(i - 1));
            assertThat(number(kept.get(i))).isEqualTo(previous + 1);
        }
        assertThat(events.last()).isEqualTo("event " + (n - 1) + " " + padding);
    }

    private static int number(String line) {
        String[] words = line.split(" ");
        return Integer.parseInt(words[2]);
    }
}

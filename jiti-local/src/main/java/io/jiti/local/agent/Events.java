package io.jiti.local.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A particle's supervision decisions (replaced, ejected, rolled back, scaled), kept as the last few in
 * memory and appended to {@code events.log} beside the instance logs, so {@code jiti logs} shows them
 * (rotated at 1 MiB).
 */
final class Events {
    private static final int KEEP = 20;
    /** events.log rotates at 1 MiB, like instance logs (two older files kept). */
    private static final long MAX_BYTES = 1024 * 1024;
    private final Path file;
    private final ArrayDeque<String> recent = new ArrayDeque<>();

    Events(Path logDir) {
        this.file = logDir.resolve("events.log");
    }

    synchronized void add(String event) {
        String line = Instant.now() + " " + event;
        recent.addLast(line);
        while (recent.size() > KEEP) {
            recent.removeFirst();
        }
        try {
            Files.createDirectories(file.getParent());
            LogSettings.appendRotating(file, line + "\n", MAX_BYTES, LogIngester.KEEP);
        } catch (IOException e) {
            // events are advisory; the in-memory copy still shows in status
        }
    }

    synchronized String last() {
        return recent.isEmpty() ? "" : recent.getLast().substring(recent.getLast().indexOf(' ') + 1);
    }

    synchronized List<String> all() {
        return List.copyOf(recent);
    }
}

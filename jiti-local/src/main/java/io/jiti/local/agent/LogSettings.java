package io.jiti.local.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * How big a log file of the agent grows before it is rotated ({@code JITI_LOG_MAX_BYTES} in the agent's
 * environment, default 10 MiB), and the rotation itself: {@code NAME} becomes {@code NAME.1}, {@code NAME.1}
 * becomes {@code NAME.2}, and so on up to the number kept. Instance logs, events and the agent's own log
 * all rotate this way.
 */
final class LogSettings {
    private static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    private LogSettings() {
    }

    /** The size past which a log file is rotated. */
    static long maxBytes() {
        try {
            String v = System.getenv("JITI_LOG_MAX_BYTES");
            return v == null ? DEFAULT_MAX_BYTES : Math.max(4096, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_BYTES;
        }
    }

    /** Appends {@code text} to {@code log}, rotating it first when it would grow past {@code maxBytes}. */
    static void appendRotating(Path log, String text, long maxBytes, int keep) throws IOException {
        if (Files.exists(log) && Files.size(log) + text.length() > maxBytes) {
            rotate(log, keep);
        }
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Shifts {@code log} to {@code log.1} and the older ones up, dropping what is past {@code keep}. */
    static void rotate(Path log, int keep) throws IOException {
        for (int i = keep; i >= 1; i--) {
            Path from = i == 1 ? log : log.resolveSibling(log.getFileName() + "." + (i - 1));
            Path to = log.resolveSibling(log.getFileName() + "." + i);
            if (Files.exists(from)) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}

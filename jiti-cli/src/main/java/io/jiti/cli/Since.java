package io.jiti.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Predicate;
import picocli.CommandLine;

/**
 * {@code --since} of {@code jiti logs}: a duration back from now ({@code 30s}, {@code 10m}, {@code 2h},
 * {@code 1d}) or an instant ({@code 2026-11-28T10:00:00Z}); keeps the log lines collected at or after it.
 */
record Since(Instant from) implements Predicate<String> {

    /** Reads {@code text} as of {@code now}; anything else is a usage error naming the forms. */
    static Since parse(String text, Instant now) {
        if (text.matches("\\d{1,9}[smhd]")) {
            long n = Long.parseLong(text.substring(0, text.length() - 1));
            Duration d = switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return new Since(now.minus(d));
        }
        try {
            return new Since(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is neither a duration (30s, 10m, 2h, 1d) "
                    + "nor an instant (2026-11-28T10:00:00Z)");
        }
    }

    /** Whether a log line ({@code [ID] INSTANT text}) was collected at or after {@link #from}; a line without a time stays. */
    @Override
    public boolean test(String line) {
        int start = line.indexOf("] ");
        if (start < 0) {
            return true;
        }
        int end = line.indexOf(' ', start + 2);
        try {
            return !Instant.parse(line.substring(start + 2, end < 0 ? line.length() : end)).isBefore(from);
        } catch (DateTimeParseException e) {
            return true;
        }
    }
}

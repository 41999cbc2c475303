package io.jiti.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The state a particle should be in: {@code running} (the default), {@code stopped} or {@code absent}. */
public enum DesiredState {
    RUNNING,
    STOPPED,
    ABSENT;

    /** The lower-case word used in {@code jiti.yaml} and JSON output. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the word used in {@code jiti.yaml}; empty when it is not one of the allowed values. */
    public static Optional<DesiredState> parse(String word) {
        return Arrays.stream(values()).filter(s -> s.word().equals(word)).findFirst();
    }
}

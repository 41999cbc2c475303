package io.jiti.platform;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each polled thing (a service's source, a template repository) is next due: first one interval after
 * it is first seen, then one interval after each poll. An interval of zero or less never polls.
 */
final class PollSchedule {
    private final Map<String, Instant> next = new ConcurrentHashMap<>();

    /** Whether {@code key}, polled every {@code seconds}, is due at {@code now}; if so, its next time is booked. */
    boolean due(String key, int seconds, Instant now) {
        if (seconds <= 0 || now.isBefore(next.computeIfAbsent(key, k -> now.plusSeconds(seconds)))) {
            return false;
        }
        next.put(key, now.plusSeconds(seconds));
        return true;
    }
}

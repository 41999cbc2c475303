package io.jiti.server.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory (a restart signs everyone out): ids of 256 random bits, at most
 * {@link #MAX} at once (the least recently used goes first), ended after {@link #IDLE} without a request
 * or {@link #LIFETIME} after sign-in.
 */
public final class ConsoleSessions {
    /** The most sessions kept. */
    public static final int MAX = 1000;
    /** How long a session may go unused. */
    public static final Duration IDLE = Duration.ofHours(8);
    /** How long a session lasts at most. */
    public static final Duration LIFETIME = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    /** Sessions timed by {@code clock}. */
    public ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for {@code token} (already checked by the caller). */
    public synchronized ConsoleSession open(String token) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        while (sessions.size() >= MAX) {
            sessions.values().stream().min(Comparator.comparing(ConsoleSession::lastSeen))
                    .ifPresent(s -> sessions.remove(s.id()));
        }
        ConsoleSession s = new ConsoleSession(random(), token, random(), now, now);
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this cookie value, marked as used now. */
    public Optional<ConsoleSession> find(String id) {
        if (id == null || id.length() != 43) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ConsoleSession s = sessions.get(id);
        if (s == null || !same(s.id(), id)) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        ConsoleSession seen = s.seen(now);
        sessions.replace(id, s, seen);
        return Optional.of(seen);
    }

    /** Ends the session {@code id}. */
    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** How many sessions are open. */
    public int size() {
        return sessions.size();
    }

    /** Whether two secrets are equal, in time that does not depend on where they differ. */
    static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static boolean expired(ConsoleSession s, Instant now) {
        return !s.lastSeen().plus(IDLE).isAfter(now) || !s.started().plus(LIFETIME).isAfter(now);
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

package io.jiti.local.agent;

/**
 * A service's crash-loop back-off: each instance that fails before it is ready doubles the wait before the
 * next start (1 s, 2 s, 4 s … at most a minute); a deploy, or an instance ready for ten minutes, resets it.
 */
final class CrashBackoff {
    private static final long MAX_BACKOFF_MILLIS = 60_000;
    private static final long STABLE_MILLIS = 10 * 60_000;
    private int crashes;
    private long nextStartAt;

    /** Counts a crash; returns how long starts now wait, in ms. */
    long crashed() {
        crashes++;
        long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(crashes - 1, 16));
        nextStartAt = System.currentTimeMillis() + backoff;
        return backoff;
    }

    /** Forgets the crashes: starts may happen at once. */
    void reset() {
        crashes = 0;
        nextStartAt = 0;
    }

    /** Forgets the crashes when an instance has been ready since {@code readySince} long enough. */
    void stable(long now, long readySince) {
        if (crashes > 0 && now - readySince > STABLE_MILLIS) {
            crashes = 0;
        }
    }

    /** Whether a new instance may start at {@code now}. */
    boolean mayStart(long now) {
        return now >= nextStartAt;
    }

    /** Crashes since the last reset. */
    int crashes() {
        return crashes;
    }
}

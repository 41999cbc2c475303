package io.jiti.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: attempt n waits a random time in [c/2, c], where c = min(cap, base * 2^n). */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private int attempt;

    /** Waits starting near {@code base}, doubling, never above {@code cap}. */
    public Backoff(Duration base, Duration cap) {
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
    }

    /** The next wait. */
    public Duration next() {
        long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt++, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}

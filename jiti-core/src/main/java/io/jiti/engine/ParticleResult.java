package io.jiti.engine;

import io.jiti.plan.Action;
import java.time.Duration;

/** How applying one particle ended. */
public sealed interface ParticleResult {

    /** The particle name. */
    String particle();

    /** The action done (or attempted). */
    Action action();

    /** It worked. */
    record Succeeded(String particle, Action action, Duration took) implements ParticleResult {
    }

    /** It failed; {@code message} says why (never a secret). */
    record Failed(String particle, Action action, String message) implements ParticleResult {
    }

    /** It was not tried because something it needs failed. */
    record Skipped(String particle, Action action, String reason) implements ParticleResult {
    }
}

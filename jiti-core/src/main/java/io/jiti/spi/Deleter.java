package io.jiti.spi;

/** A type whose particles can be deleted. */
public interface Deleter {
    /** Deletes the particle; done when a read no longer finds it. */
    Outcome delete(Observed current);
}

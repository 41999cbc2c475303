package io.jiti.spi;

/** A type whose particles can be stopped without being deleted. */
public interface Stoppable {
    Outcome stop(Observed current);
}

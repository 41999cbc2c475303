package io.jiti.spi;

/** A type whose particles can be created. */
public interface Creator {
    /** Creates the particle, marking it with {@code desired}'s stack, name and spec hash. */
    Outcome create(Desired desired);
}

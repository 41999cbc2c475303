package io.jiti.spi;

/** A type whose stopped particles can be started again. */
public interface Startable {
    Outcome start(Observed current);
}

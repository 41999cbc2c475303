package io.jiti.spi;

import java.util.List;

/**
 * A type whose particles hold a value that can be replaced by a new one (a secret). The provider restarts
 * what uses the value, so that it gets the new one.
 */
public interface Rotatable {
    /**
     * Replaces the particle's value; the restarts go on after it returns.
     *
     * @return the names of the particles being restarted to pick up the new value
     */
    List<String> rotate(Observed current);
}

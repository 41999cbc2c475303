package io.jiti.spi;

import java.util.Set;

/** A type whose particles can change in place. Types without it are replaced on every change. */
public interface Updater {

    /** Brings {@code current} to {@code desired}. */
    Outcome update(Desired desired, Observed current);

    /** Top-level spec fields whose change cannot be done in place and forces a replace. */
    default Set<String> replaceOn() {
        return Set.of();
    }
}

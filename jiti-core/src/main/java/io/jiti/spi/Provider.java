package io.jiti.spi;

import java.time.Duration;
import java.util.Map;

/** A place where particles become real. Implementations are thread-safe. */
public interface Provider extends AutoCloseable {

    /** The provider id used in stack files, such as {@code local}. */
    String id();

    /** The types this provider implements, by type id. */
    Map<String, ParticleType> types();

    /**
     * Takes the per-stack lock so that two applies of one stack never interleave. Blocks until the lock
     * is free; {@code onWait} is told once, with who holds it, when it has to wait.
     */
    StackLock lock(String stack, java.util.function.Consumer<String> onWait);

    /**
     * Everything the provider holds for {@code stack}, of every type, in one call, for a provider that can
     * list it all at once (observing a stack then takes one round trip instead of one per type); empty
     * (the default) for a provider that lists per type only.
     */
    default java.util.Optional<java.util.List<Observed>> listAll(String stack) {
        return java.util.Optional.empty();
    }

    /** How many operations may run against this provider at once. */
    default int maxConcurrency() {
        return 16;
    }

    /** How long one operation (including waiting for it to be ready) may take. */
    default Duration operationTimeout() {
        return Duration.ofMinutes(5);
    }

    @Override
    default void close() {
    }
}

package io.jiti.spi;

import java.time.Duration;

/** What a provider operation returned: done, or still in progress (the engine then polls {@code read}). */
public sealed interface Outcome {

    /**
     * The operation finished.
     *
     * @param result the resource as it now is, or null (after a delete, or when the provider would need
     *               another call to tell; the engine then reads it)
     */
    record Done(Observed result) implements Outcome {
    }

    /** The operation goes on; poll again after about {@code pollAfter}. */
    record InProgress(Duration pollAfter) implements Outcome {
    }

    /** A finished operation whose result the engine reads back. */
    static Outcome done() {
        return new Done(null);
    }

    /** A finished operation with its result. */
    static Outcome done(Observed result) {
        return new Done(result);
    }

    /** An operation that goes on. */
    static Outcome inProgress() {
        return new InProgress(Duration.ofMillis(50));
    }
}

package io.jiti.engine;

import java.time.Duration;

/**
 * How apply runs.
 *
 * @param force            delete or replace protected particles
 * @param concurrency      operations at once, or 0 for the provider's own bound
 * @param operationTimeout one operation's limit, or null for the provider's own
 */
public record ApplyOptions(boolean force, int concurrency, Duration operationTimeout) {

    /** The defaults: no force, the provider's bounds. */
    public static ApplyOptions defaults() {
        return new ApplyOptions(false, 0, null);
    }

    public ApplyOptions withForce(boolean value) {
        return new ApplyOptions(value, concurrency, operationTimeout);
    }
}

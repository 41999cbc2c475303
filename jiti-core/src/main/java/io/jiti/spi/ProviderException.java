package io.jiti.spi;

import io.jiti.api.JitiException;

/** A failed provider operation; {@link #retryable()} ones are retried with backoff. */
public class ProviderException extends JitiException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public ProviderException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether trying again may succeed (throttling, a connection reset, a conflict). */
    public boolean retryable() {
        return retryable;
    }
}

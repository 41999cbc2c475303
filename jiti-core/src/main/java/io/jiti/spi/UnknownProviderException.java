package io.jiti.spi;

import io.jiti.api.JitiException;

/** No provider of the requested id is on the class path. */
public final class UnknownProviderException extends JitiException {
    private static final long serialVersionUID = 1L;

    public UnknownProviderException(String message) {
        super(message);
    }
}

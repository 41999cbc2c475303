package io.jiti.spi;

/**
 * A provider's settings are wrong (a file its environment names is missing, a context or account that is
 * not there): bad input, reported before the provider changed anything, never retried.
 */
public class ProviderSettingsException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public ProviderSettingsException(String message) {
        super(message, false);
    }
}

package io.jiti.local;

import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.ProviderFactory;

/**
 * Makes the {@code local} provider. Settings: {@code JITI_HOME} (default {@code ~/.jiti}),
 * {@code JITI_TIMEOUT} (seconds one operation may take, default 120).
 */
public final class LocalProviderFactory implements ProviderFactory {
    @Override
    public String id() {
        return "local";
    }

    @Override
    public Provider create(ProviderContext context) {
        return new LocalProvider(context.home(), context.operationTimeout(), context.env());
    }
}

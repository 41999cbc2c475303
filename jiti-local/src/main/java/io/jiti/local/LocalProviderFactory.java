package io.jiti.local;

import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.ProviderFactory;
import java.time.Duration;

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
        long seconds = 120;
        String t = context.env().get("JITI_TIMEOUT");
        if (t != null && t.matches("\\d+")) {
            seconds = Long.parseLong(t);
        }
        return new LocalProvider(context.home(), Duration.ofSeconds(seconds));
    }
}

package io.jiti.platform.deploy;

import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Providers;

/** Opens the provider a target runs on, by id; the caller closes it. */
@FunctionalInterface
public interface ProviderSource {

    /** The provider {@code id} ({@code local}, …). */
    Provider open(String id);

    /** Providers found with {@link java.util.ServiceLoader}, made with {@code context} (the server's home). */
    static ProviderSource of(ProviderContext context) {
        return id -> Providers.create(id, context);
    }
}

package io.jiti.platform.deploy;

import io.jiti.load.TypeCatalog;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Providers;

/** Opens the provider a target runs on, by id; the caller closes it. */
@FunctionalInterface
public interface ProviderSource {

    /** The provider {@code id} ({@code local}, …). */
    Provider open(String id);

    /**
     * The provider {@code id} whose secrets' {@code fromEnv} also read {@code supplied}: values a deployment
     * decrypted for its processes, in memory only. Without an override, {@code supplied} is not seen.
     */
    default Provider open(String id, java.util.Map<String, String> supplied) {
        return open(id);
    }

    /**
     * The types stacks on provider {@code id} are checked against. Default: those of the provider of that id on
     * the class path ({@link TypeCatalog#forProvider}).
     */
    default TypeCatalog types(String id) {
        return TypeCatalog.forProvider(id);
    }

    /** Providers found with {@link java.util.ServiceLoader}, made with {@code context} (the server's home). */
    static ProviderSource of(ProviderContext context) {
        return new ProviderSource() {
            @Override
            public Provider open(String id) {
                return Providers.create(id, context);
            }

            @Override
            public Provider open(String id, java.util.Map<String, String> supplied) {
                java.util.Map<String, String> env = new java.util.HashMap<>(context.env());
                env.putAll(supplied);
                return Providers.create(id, new ProviderContext(context.home(), env));
            }
        };
    }
}

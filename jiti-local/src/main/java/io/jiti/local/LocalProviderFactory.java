package io.jiti.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.ProviderFactory;
import io.jiti.spi.TypeSchemas;
import java.util.Map;

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

    /**
     * What the local provider adds to the portable types ({@code types.json} beside this class): building from
     * source, commands run with {@code sh -c}, TLS from the home's certificate authority, loopback endpoints and
     * the variables connected processes get.
     */
    @Override
    public Map<String, JsonNode> typeSchemas() {
        return TYPES;
    }

    private static final Map<String, JsonNode> TYPES = TypeSchemas.read(LocalProviderFactory.class, "types.json");
}

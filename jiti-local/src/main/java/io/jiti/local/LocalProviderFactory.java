package io.jiti.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.ProviderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
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

    private static final Map<String, JsonNode> TYPES = read();

    private static Map<String, JsonNode> read() {
        try (InputStream in = LocalProviderFactory.class.getResourceAsStream("types.json")) {
            Map<String, JsonNode> out = new LinkedHashMap<>();
            new ObjectMapper().readTree(in).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
            return java.util.Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local provider's types", e);
        }
    }
}

package io.jiti.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.api.JitiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a provider's additions to the portable types ({@link ProviderFactory#typeSchemas()}) from a resource. */
public final class TypeSchemas {
    private TypeSchemas() {
    }

    /**
     * The JSON object in {@code resource} (relative to {@code anchor}'s package), by type id, in its order.
     *
     * @throws JitiException when it is missing or not JSON (a provider's packaging bug)
     */
    public static Map<String, JsonNode> read(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new JitiException("missing resource " + resource + " beside " + anchor.getName());
            }
            Map<String, JsonNode> out = new LinkedHashMap<>();
            new ObjectMapper().readTree(in).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new JitiException("cannot read " + resource + " beside " + anchor.getName(), e);
        }
    }
}

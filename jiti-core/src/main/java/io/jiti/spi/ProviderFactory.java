package io.jiti.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Found through {@link java.util.ServiceLoader}; makes a {@link Provider} for a context. */
public interface ProviderFactory {

    /** The provider id, such as {@code local}. */
    String id();

    /** Makes a provider. */
    Provider create(ProviderContext context);

    /**
     * What this provider makes of the portable types, by type id, without making the provider (so that
     * {@code jiti validate} and {@code jiti schema} need no running provider). Each value is a JSON Schema
     * fragment merged into the type's portable schema:
     * <ul>
     *   <li>{@code properties}: fields of this provider's own (such as {@code image}), or a field's
     *       description in this provider's words; {@code required}: more required fields;
     *       {@code anyOf}, {@code oneOf}, {@code allOf}, {@code dependentRequired}: constraints of its own;</li>
     *   <li>{@code x-jiti-outputs}: more outputs, or what a portable output holds here (a portable output
     *       cannot be taken away); {@code x-jiti-connect}: the variables a particle that connects to one of
     *       this type gets (see {@code io.jiti.load.ConnectTemplate});</li>
     *   <li>{@code x-jiti-unsupported}: a sentence saying why this provider does not offer the type; the
     *       validator then refuses the type with that reason.</li>
     * </ul>
     * A portable type left out is offered as core describes it. Default: none.
     */
    default Map<String, JsonNode> typeSchemas() {
        return Map.of();
    }
}

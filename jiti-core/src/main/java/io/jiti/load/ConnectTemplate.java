package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a type offers to particles that {@code connect} to it ({@code x-jiti-connect} in its schema): the
 * environment variables they get, as templates over its outputs ({@code ${output}}).
 *
 * @param env      conventional variables ({@code DATABASE_URL}, {@code AWS_ENDPOINT_URL_S3}); when two
 *                 connected particles set the same one, the first in {@code connect} wins
 * @param defaults variables set only when no connected particle sets them (such as placeholder credentials
 *                 for a server that does not check them)
 * @param named    variables prefixed with the connected particle's name in upper snake case
 *                 ({@code ORDERS_DB_URL}), so that every connection is reachable even when two are alike
 */
public record ConnectTemplate(Map<String, String> env, Map<String, String> defaults, Map<String, String> named) {

    /** Reads {@code x-jiti-connect}; null when the schema has none. */
    static ConnectTemplate of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new ConnectTemplate(strings(node.path("env")), strings(node.path("defaults")), strings(node.path("named")));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return Map.copyOf(out);
    }
}

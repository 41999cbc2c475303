package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What jiti knows of a particle type regardless of provider.
 *
 * @param id          the stable type id
 * @param description one sentence for {@code --help} and editors
 * @param schema      the JSON Schema of its spec
 * @param outputs     the outputs other particles may reference, with a description each
 * @param stateful    whether it keeps data ({@code x-jiti-stateful}): such particles are protected unless
 *                    their definition says {@code protect: false}
 * @param connect     what particles that {@code connect} to it get ({@code x-jiti-connect}), or null
 * @param actions     the verbs a permission may grant on it ({@code x-jiti-actions}), with a description each
 */
public record TypeInfo(String id, String description, JsonNode schema, Map<String, String> outputs,
                       boolean stateful, ConnectTemplate connect, Map<String, String> actions) {
}

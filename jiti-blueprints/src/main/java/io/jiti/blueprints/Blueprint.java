package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.load.Positions;
import java.util.Map;

/**
 * A blueprint bundle as read from its {@code blueprint.yaml}.
 *
 * @param name        its name
 * @param version     its version
 * @param description what it is for
 * @param parameters  the JSON Schema of its parameters (an object schema)
 * @param outputs     its outputs: name to a reference into a member ({@code ${MEMBER.OUTPUT}})
 * @param permissions the default permissions per member, in jiti's neutral form (kept as written)
 * @param members     its members: name to particle template ({@code type}, {@code spec}, {@code dependsOn}…)
 * @param samples     parameter sets it is tested and checked with (an array, maybe empty)
 * @param file        where it was read from (a path or a class-path resource), for diagnostics
 * @param positions   where each node of the file stands
 */
public record Blueprint(String name, BlueprintVersion version, String description, JsonNode parameters,
        Map<String, String> outputs, JsonNode permissions, JsonNode members, JsonNode samples, String file, Positions positions) {

    /** {@code NAME@MAJOR.MINOR}. */
    public String id() {
        return name + "@" + version;
    }
}

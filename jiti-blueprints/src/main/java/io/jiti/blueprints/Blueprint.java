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
 * @param contract    what it promises and needs as a platform template (empty for a plain blueprint)
 */
public record Blueprint(String name, BlueprintVersion version, String description, JsonNode parameters,
        Map<String, String> outputs, JsonNode permissions, JsonNode members, JsonNode samples, String file, Positions positions,
        TemplateContract contract) {

    /**
     * This blueprint with each {@code ${environment.NAME}} in its members replaced by {@code values}' NAME: a
     * service template bound to the outputs of the environment it is deployed to.
     */
    public Blueprint bound(Map<String, String> values) {
        return new Blueprint(name, version, description, parameters, outputs, permissions,
                JsonTrees.mapStrings(members, text -> TemplateContract.bind(text, values)), samples, file, positions, contract);
    }

    /** This blueprint with each required environment output bound to a placeholder: how it renders on its own. */
    public Blueprint placeholders() {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        contract.requires().keySet().forEach(k -> values.put(k, "<environment." + k + ">"));
        return values.isEmpty() ? this : bound(values);
    }

    /** {@code NAME@MAJOR.MINOR}. */
    public String id() {
        return name + "@" + version;
    }
}

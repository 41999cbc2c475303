package io.jiti.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.TemplateVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a policy sees of a deployment, as CEL values (maps, lists, strings, 64-bit integers, doubles, booleans):
 * {@code particles} (each {@code name}, {@code type}, {@code state}, {@code protect}, {@code spec}),
 * {@code environment} ({@code name}, {@code labels}, {@code template}, {@code version}), {@code template}
 * ({@code name}, {@code version}, {@code kind}, {@code status}), {@code team} (empty for an environment),
 * {@code target} and {@code kind} ({@code environment} or {@code instance}).
 *
 * @param variables the variables by name
 */
public record PolicyInput(Map<String, Object> variables) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The input of {@code deployment} applying {@code stack}. */
    public static PolicyInput of(Deployment deployment, Environment environment, TemplateVersion version, String team,
            Stack stack) {
        List<Object> particles = new ArrayList<>();
        for (Particle p : stack.particles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("type", p.type());
            m.put("state", p.state().name().toLowerCase(java.util.Locale.ROOT));
            m.put("protect", p.protect());
            m.put("spec", cel(JSON.valueToTree(p.spec())));
            particles.add(m);
        }
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", environment.name());
        env.put("labels", new LinkedHashMap<>(environment.labels()));
        env.put("template", environment.template());
        env.put("version", environment.version().toString());
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", version.name());
        template.put("version", version.version().toString());
        template.put("kind", version.kind().word());
        template.put("status", version.status().word());
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("particles", particles);
        vars.put("environment", env);
        vars.put("template", template);
        vars.put("team", team == null ? "" : team);
        vars.put("target", deployment.target().toString());
        vars.put("kind", deployment.target().isInstance() ? "instance" : "environment");
        return new PolicyInput(vars);
    }

    /** A JSON value as CEL wants it: integers as longs. */
    static Object cel(JsonNode node) {
        if (node == null || node.isNull()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), cel(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(n -> out.add(cel(n)));
            return out;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}

package io.jiti.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.Expanded;
import io.jiti.api.JitiException;
import io.jiti.api.Stack;
import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.plan.Diffs;
import io.jiti.plan.FieldDiff;
import io.jiti.plan.Plan;
import io.jiti.spi.Instance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documented JSON formats (see the README). Version 1: fields may be added, never renamed or removed.
 */
final class JsonOut {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int VERSION = 1;

    private JsonOut() {
    }

    static ObjectNode plan(Plan plan, Stack stack) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("stack", plan.stack());
        ArrayNode changes = root.putArray("changes");
        for (Change c : plan.changes()) {
            ObjectNode o = changes.addObject();
            o.put("particle", c.particle());
            o.put("type", c.type());
            o.put("action", c.action().word());
            o.put("reason", c.reason());
            if (c.blocked() != null) {
                o.put("blocked", c.blocked());
            }
            ArrayNode diff = o.putArray("diff");
            for (FieldDiff d : c.diff()) {
                ObjectNode f = diff.addObject();
                f.put("path", d.path());
                f.set("from", MAPPER.valueToTree(d.from()));
                f.set("to", MAPPER.valueToTree(d.to()));
            }
        }
        ObjectNode summary = root.putObject("summary");
        for (Map.Entry<Action, Integer> e : plan.summary().entrySet()) {
            summary.put(e.getKey().word(), e.getValue());
        }
        ArrayNode blueprints = root.putArray("blueprints");
        for (Expanded e : stack.expanded()) {
            ObjectNode o = blueprints.addObject();
            o.put("particle", e.name());
            o.put("blueprint", e.from());
            o.set("members", MAPPER.valueToTree(e.members()));
            o.set("overrides", MAPPER.valueToTree(e.overrides()));
        }
        root.set("permissions", MAPPER.valueToTree(stack.permissions()));
        return root;
    }

    static ObjectNode particle(String name, String type, String state, String status, String message,
                               Map<String, Object> outputs, Iterable<Instance> instances, boolean withInstances) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", name);
        o.put("type", type);
        o.put("state", state);
        o.put("status", status);
        o.put("message", message);
        o.set("outputs", MAPPER.valueToTree(masked(outputs)));
        if (withInstances) {
            ArrayNode list = o.putArray("instances");
            for (Instance i : instances) {
                ObjectNode n = list.addObject();
                n.put("id", i.id());
                n.put("pid", i.pid());
                n.put("port", i.port());
                n.put("healthy", i.healthy());
            }
        }
        return o;
    }

    /** Outputs with sensitive values masked. */
    static Map<String, Object> masked(Map<String, Object> outputs) {
        Map<String, Object> out = new LinkedHashMap<>();
        outputs.forEach((k, v) -> out.put(k, Diffs.sensitive(k) ? Diffs.MASK : v));
        return out;
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new JitiException("cannot write JSON", e);
        }
    }
}

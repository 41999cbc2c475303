package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs JSON Schema validation and turns the library's errors into short, located messages. */
final class SchemaErrors {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<JsonNode, Schema> COMPILED = new ConcurrentHashMap<>();

    /** A located problem: a JSON pointer, whether it points at a key, and the message. */
    record Problem(String pointer, boolean atKey, String message) {
    }

    private SchemaErrors() {
    }

    /** Validates {@code instance} against {@code schema}; pointers are prefixed with {@code prefix}. */
    static List<Problem> check(JsonNode schema, JsonNode instance, String prefix) {
        Schema compiled = COMPILED.computeIfAbsent(schema, REGISTRY::getSchema);
        List<Problem> out = new ArrayList<>();
        // Each branch of an unmet anyOf of "required"s comes as its own error: say them once, together.
        java.util.Map<String, List<String>> alternatives = new java.util.LinkedHashMap<>();
        for (Error e : compiled.validate(instance)) {
            String relative = pointer(e.getInstanceLocation());
            if ("required".equals(e.getKeyword()) && e.getEvaluationPath().toString().contains("anyOf")) {
                alternatives.computeIfAbsent(relative, k -> new ArrayList<>()).add("'" + e.getProperty() + "'");
                continue;
            }
            out.add(describe(e, prefix, relative, schema));
        }
        alternatives.forEach((relative, fields) -> out.add(new Problem(prefix + relative, false,
                "missing required field: one of " + String.join(", ", fields))));
        return out;
    }

    private static Problem describe(Error e, String prefix, String relative, JsonNode schema) {
        String at = prefix + relative;
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        JsonNode value = e.getInstanceNode();
        switch (keyword) {
            case "required":
                return new Problem(at, false, "missing required field '" + e.getProperty() + "'");
            case "additionalProperties": {
                String field = e.getProperty();
                String allowed = String.join(", ", allowed(schema, relative));
                return new Problem(at + "/" + YamlTree.escape(field), true,
                        "unknown field '" + field + "'" + (allowed.isEmpty() ? "" : " (allowed: " + allowed + ")"));
            }
            case "type":
                return new Problem(at, false, "wrong value type: expected " + expected(e.getSchemaNode())
                        + ", got " + kind(value));
            case "enum":
                return new Problem(at, false, "invalid value " + value + " (allowed: "
                        + join(e.getSchemaNode()) + ")");
            case "pattern":
                return new Problem(at, false, "invalid value " + value + ": must match "
                        + e.getSchemaNode().asText());
            default:
                String msg = e.getMessage();
                int colon = msg.indexOf(": ");
                return new Problem(at, false, colon > 0 && msg.startsWith("$") ? msg.substring(colon + 2) : msg);
        }
    }

    /** The property names the schema allows at the object {@code at} points to (relative to the schema's root). */
    private static List<String> allowed(JsonNode schema, String at) {
        JsonNode node = schema;
        for (String segment : at.isEmpty() ? new String[0] : at.substring(1).split("/")) {
            node = deref(schema, node);
            node = segment.matches("\\d+") && node.has("items") ? node.get("items") : node.path("properties").path(segment);
        }
        List<String> names = new ArrayList<>();
        deref(schema, node).path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode deref(JsonNode root, JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? root.at(ref.substring(1)) : node;
    }

    private static String expected(JsonNode typeKeyword) {
        if (typeKeyword != null && typeKeyword.isArray()) {
            return join(typeKeyword).replace("\"", "").replace(", ", " or ");
        }
        return typeKeyword == null ? "?" : typeKeyword.asText();
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            parts.add(it.next().toString());
        }
        return String.join(", ", parts);
    }

    static String kind(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        return v.isArray() ? "array" : "object";
    }

    static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(YamlTree.escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }
}

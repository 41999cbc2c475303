package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/** Small operations on JSON trees that blueprints need. */
final class JsonTrees {
    private JsonTrees() {
    }

    /** A copy of {@code node} with {@code change} applied to every string in it. */
    static JsonNode mapStrings(JsonNode node, UnaryOperator<String> change) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(change.apply(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> out.set(f.getKey(), mapStrings(f.getValue(), change)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(mapStrings(n, change)));
            return out;
        }
        return node.deepCopy();
    }

    /** Deep merge of {@code patch} into {@code target} (mappings merge, everything else replaces). */
    static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(f -> {
            JsonNode old = target.get(f.getKey());
            if (old != null && old.isObject() && f.getValue().isObject()) {
                merge((ObjectNode) old, f.getValue());
            } else {
                target.set(f.getKey(), f.getValue().deepCopy());
            }
        });
    }

    /** Each leaf of {@code node} (a value that is not a non-empty mapping) with its dotted path. */
    static void leaves(JsonNode node, String path, BiConsumer<String, JsonNode> each) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(f -> leaves(f.getValue(), path.isEmpty() ? f.getKey()
                    : path + "." + f.getKey(), each));
        } else {
            each.accept(path, node);
        }
    }

    /** The texts of an array node. */
    static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

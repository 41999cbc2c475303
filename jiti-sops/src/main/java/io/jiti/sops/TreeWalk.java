package io.jiti.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Visits the values of a tree in document order, as SOPS walks it: a value's path is the keys above it (a
 * list item has its list's path), and the visitor's answer replaces the value. Nulls are left as they are.
 */
final class TreeWalk {
    /** What is done to each value. */
    @FunctionalInterface
    interface Visitor {
        JsonNode visit(JsonNode value, List<String> path);
    }

    private TreeWalk() {
    }

    /** A copy of {@code tree} with every value replaced by what {@code visitor} answers. */
    static ObjectNode map(ObjectNode tree, Visitor visitor) {
        return (ObjectNode) walk(tree.deepCopy(), new ArrayList<>(), visitor);
    }

    private static JsonNode walk(JsonNode node, List<String> path, Visitor visitor) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                path.add(e.getKey());
                e.setValue(walk(e.getValue(), path, visitor));
                path.remove(path.size() - 1);
            }
            return o;
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, walk(a.get(i), path, visitor));
            }
            return a;
        }
        if (node.isNull() || node.isMissingNode()) {
            return node;
        }
        return visitor.visit(node, List.copyOf(path));
    }
}

package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a composed YAML node tree into a Jackson tree, recording positions and duplicate keys. An alias
 * is a second reference to its anchor's node, so the tree expands every use of it: a node that contains
 * itself (an alias cycle) and a tree of more than {@link #MAX_NODES} nodes (an alias bomb) are refused with
 * {@link TooLarge} instead of recursing forever or for minutes.
 */
final class YamlTree {
    /** The most nodes a document may expand to, every use of an alias counted. */
    static final int MAX_NODES = 200_000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final java.util.Set<Node> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private int nodes;
    private final Positions positions = new Positions();
    private final List<int[]> duplicateAt = new java.util.ArrayList<>();
    private final List<String> duplicateKeys = new java.util.ArrayList<>();

    Positions positions() {
        return positions;
    }

    /** Line/column pairs of duplicate keys, parallel to {@link #duplicateKeys()}. */
    List<int[]> duplicateAt() {
        return duplicateAt;
    }

    List<String> duplicateKeys() {
        return duplicateKeys;
    }

    JsonNode convert(Node node, String pointer) {
        if (++nodes > MAX_NODES) {
            throw new TooLarge(node, "the document expands to more than " + MAX_NODES
                    + " nodes (aliases count once per use); split it or use fewer aliases");
        }
        positions.value(pointer, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
        if (node instanceof ScalarNode s) {
            return scalar(s);
        }
        if (!open.add(node)) {
            throw new TooLarge(node, "an alias refers to a node that contains it (an alias cycle)");
        }
        try {
            return collection(node, pointer);
        } finally {
            open.remove(node);
        }
    }

    private JsonNode collection(Node node, String pointer) {
        if (node instanceof MappingNode map) {
            ObjectNode out = F.objectNode();
            for (NodeTuple t : map.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
                String child = pointer + "/" + escape(key);
                int line = t.getKeyNode().getStartMark().getLine() + 1;
                int col = t.getKeyNode().getStartMark().getColumn() + 1;
                if (out.has(key)) {
                    duplicateAt.add(new int[] {line, col});
                    duplicateKeys.add(key);
                }
                positions.key(child, line, col);
                out.set(key, convert(t.getValueNode(), child));
            }
            return out;
        }
        if (node instanceof SequenceNode seq) {
            ArrayNode out = F.arrayNode();
            int i = 0;
            for (Node item : seq.getValue()) {
                out.add(convert(item, pointer + "/" + i++));
            }
            return out;
        }
        throw new TooLarge(node, "unsupported YAML node " + node.getNodeId());
    }

    /** A document refused as a whole, at the node where it was found. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Node at;

        TooLarge(Node at, String message) {
            super(message, null, false, false);
            this.at = at;
        }

        int line() {
            return at.getStartMark().getLine() + 1;
        }

        int column() {
            return at.getStartMark().getColumn() + 1;
        }
    }

    private static JsonNode scalar(ScalarNode s) {
        String v = s.getValue();
        if (s.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN) {
            return F.textNode(v);
        }
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return F.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return F.booleanNode(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
        }
        if (Tag.INT.equals(tag)) {
            try {
                BigInteger big = new BigInteger(v.replace("_", ""));
                if (big.bitLength() < 32) {
                    return F.numberNode(big.intValue());
                }
                return big.bitLength() < 64 ? F.numberNode(big.longValue()) : F.numberNode(big);
            } catch (NumberFormatException e) {
                return F.textNode(v);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return F.numberNode(new BigDecimal(v.replace("_", "")));
            } catch (NumberFormatException e) {
                return F.textNode(v);
            }
        }
        return F.textNode(v);
    }

    /** JSON pointer escaping of one segment. */
    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}

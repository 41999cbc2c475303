package io.jiti.sops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML as SOPS writes it: four-space indentation, list items indented under their key, plain scalars
 * wherever YAML reads them back as the same string (a string that would read as a date or a number is
 * quoted), multi-line strings (the armored data keys) as literal blocks.
 */
final class YamlWriter {
    private YamlWriter() {
    }

    static String write(JsonNode root) {
        DumperOptions options = new DumperOptions();
        options.setIndent(4);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(false);
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        return new Yaml(new LiteralRepresenter(options), options).dump(plain(root));
    }

    /** The tree as maps, lists and scalars SnakeYAML represents. */
    private static Object plain(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.properties().forEach(e -> m.put(e.getKey(), plain(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(item -> l.add(plain(item)));
            return l;
        }
        if (n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asText();
    }

    /** Represents a string with a line break as a literal block ({@code |}). */
    private static final class LiteralRepresenter extends Representer {
        LiteralRepresenter(DumperOptions options) {
            super(options);
            Represent plainString = representers.get(String.class);
            representers.put(String.class, data -> {
                String s = (String) data;
                return s.contains("\n") && !s.contains("\r")
                        ? representScalar(Tag.STR, s, DumperOptions.ScalarStyle.LITERAL)
                        : plainString.representData(data);
            });
        }

        @Override
        protected Node representScalar(Tag tag, String value, DumperOptions.ScalarStyle style) {
            return super.representScalar(tag, value, style);
        }
    }
}

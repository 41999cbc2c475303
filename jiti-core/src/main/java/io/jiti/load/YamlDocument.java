package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A YAML document as a JSON tree with the position of every node, for files that report problems at
 * {@code FILE:LINE:COL} (stacks, blueprints).
 *
 * @param root      the tree (null for an empty document)
 * @param positions where its nodes stand
 */
public record YamlDocument(JsonNode root, Positions positions) {

    /**
     * Parses {@code text}; {@code label} names it in diagnostics. Invalid YAML, duplicate keys, an alias
     * cycle and a document that expands to more than {@value YamlTree#MAX_NODES} nodes throw
     * {@link InvalidStackException}.
     */
    public static YamlDocument parse(String text, String label) {
        Node node;
        try (Reader r = new StringReader(text)) {
            LoaderOptions options = new LoaderOptions();
            options.setProcessComments(false);
            options.setMaxAliasesForCollections(50);
            node = new Yaml(options).compose(r);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new InvalidStackException(List.of(new Diagnostic(label, mark.getLine() + 1, mark.getColumn() + 1,
                    "invalid YAML: " + problem)));
        } catch (IOException | RuntimeException e) {
            throw new InvalidStackException(List.of(new Diagnostic(label, 1, 1, "invalid YAML: " + e.getMessage())));
        }
        if (node == null) {
            return new YamlDocument(null, Positions.none());
        }
        YamlTree tree = new YamlTree();
        JsonNode root;
        try {
            root = tree.convert(node, "");
        } catch (YamlTree.TooLarge e) {
            throw new InvalidStackException(List.of(new Diagnostic(label, e.line(), e.column(),
                    "invalid YAML: " + e.getMessage())));
        }
        List<Diagnostic> problems = new ArrayList<>();
        for (int i = 0; i < tree.duplicateKeys().size(); i++) {
            int[] at = tree.duplicateAt().get(i);
            problems.add(new Diagnostic(label, at[0], at[1], "duplicate key '" + tree.duplicateKeys().get(i) + "'"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidStackException(problems);
        }
        return new YamlDocument(root, tree.positions());
    }
}

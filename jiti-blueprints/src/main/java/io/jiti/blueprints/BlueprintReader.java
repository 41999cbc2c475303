package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.load.SchemaCheck;
import io.jiti.load.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@code blueprint.yaml}, checked against the bundle format; problems at {@code FILE:LINE:COL}. */
public final class BlueprintReader {
    private static final JsonNode SCHEMA = load();

    private BlueprintReader() {
    }

    private static JsonNode load() {
        try (InputStream in = BlueprintReader.class.getResourceAsStream("blueprint.schema.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The blueprint in {@code text}; {@code file} names it in diagnostics. */
    public static Blueprint read(String text, String file) {
        YamlDocument doc = YamlDocument.parse(text, file);
        if (doc.root() == null) {
            throw new InvalidStackException(List.of(new Diagnostic(file, 1, 1,
                    "empty blueprint: expected name, version and members")));
        }
        List<Diagnostic> problems = new ArrayList<>(SchemaCheck.check(SCHEMA, doc.root(), "", doc.positions(), file));
        for (String reserved : List.of("overrides", "permissions")) {
            if (doc.root().path("parameters").path("properties").has(reserved)) {
                int[] lc = doc.positions().ofKey("/parameters/properties/" + reserved);
                problems.add(new Diagnostic(file, lc[0], lc[1], "'" + reserved + "' is reserved in a blueprint"
                        + " particle's spec (overrides of members, extra permissions); name the parameter otherwise"));
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(ContractCheck.check(doc, file));
        }
        if (!problems.isEmpty()) {
            throw new InvalidStackException(problems);
        }
        JsonNode root = doc.root();
        Map<String, String> outputs = new LinkedHashMap<>();
        root.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asText()));
        JsonNode parameters = root.has("parameters") ? root.get("parameters")
                : new ObjectMapper().createObjectNode().put("type", "object");
        return new Blueprint(root.get("name").asText(),
                BlueprintVersion.parse(root.get("version").asText()).orElseThrow(),
                root.path("description").asText(""), parameters, java.util.Collections.unmodifiableMap(outputs), root.path("permissions"),
                root.get("members"), root.has("samples") ? root.get("samples") : new ObjectMapper().createArrayNode(), file, doc.positions(),
                ContractCheck.contract(root));
    }
}

package io.jiti.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** JSON Schema validation with the loader's messages, located in a document (for expanders and tools). */
public final class SchemaCheck {
    private SchemaCheck() {
    }

    /**
     * The problems of {@code instance} against {@code schema}, located at {@code pointer} (where the
     * instance stands in the document) through {@code positions}.
     */
    public static List<Diagnostic> check(JsonNode schema, JsonNode instance, String pointer, Positions positions,
            String file) {
        List<Diagnostic> out = new ArrayList<>();
        for (SchemaErrors.Problem p : SchemaErrors.check(schema, instance, pointer)) {
            int[] lc = p.atKey() ? positions.ofKey(p.pointer()) : positions.ofValue(p.pointer());
            out.add(new Diagnostic(file, lc[0], lc[1], p.message()));
        }
        return out;
    }
}

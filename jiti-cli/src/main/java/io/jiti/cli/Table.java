package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Prints JSON items as aligned columns, or as JSON with {@code --json}. */
final class Table {
    private Table() {
    }

    /**
     * Prints {@code items}: their JSON when {@code json}, otherwise a header and one row per item with the
     * values of {@code fields} (dotted paths; header names in capitals).
     */
    static void print(Terminal t, JsonNode items, boolean json, String empty, String... fields) {
        if (json) {
            t.line(JsonOut.write(items));
            return;
        }
        if (items.isEmpty()) {
            t.line(empty);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            header[i] = fields[i].toUpperCase(java.util.Locale.ROOT);
        }
        rows.add(header);
        for (JsonNode item : items) {
            String[] row = new String[fields.length];
            for (int i = 0; i < fields.length; i++) {
                JsonNode v = item.at("/" + fields[i].replace('.', '/'));
                row[i] = v.isMissingNode() || v.isNull() ? "-" : v.isValueNode() ? v.asText() : v.toString();
            }
            rows.add(row);
        }
        int[] width = new int[fields.length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        });
        for (int n = 0; n < rows.size(); n++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.length; i++) {
                line.append(i == fields.length - 1 ? rows.get(n)[i] : Columns.pad(rows.get(n)[i], width[i]) + "  ");
            }
            t.line(n == 0 ? t.bold(line.toString().strip()) : line.toString().strip());
        }
    }
}

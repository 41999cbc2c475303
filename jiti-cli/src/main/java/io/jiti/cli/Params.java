package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code -p KEY=VALUE} pairs as a JSON object: numbers, booleans and JSON lists or objects keep their type. */
final class Params {
    private Params() {
    }

    static Map<String, Object> of(List<String> pairs, String option) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidStackException(List.of(new Diagnostic(option, 0, 0, "'" + pair
                        + "' is not KEY=VALUE")));
            }
            out.put(pair.substring(0, eq), value(pair.substring(eq + 1)));
        }
        return out;
    }

    /** Strings as given, unless they read as a number, true/false, or a JSON list or object. */
    static Object value(String text) {
        if (text.matches("-?\\d{1,18}")) {
            return Long.parseLong(text);
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(text);
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        if (text.startsWith("[") || text.startsWith("{")) {
            try {
                JsonNode node = JsonOut.MAPPER.readTree(text);
                return JsonOut.MAPPER.convertValue(node, Object.class);
            } catch (IOException e) {
                return text;
            }
        }
        return text;
    }
}

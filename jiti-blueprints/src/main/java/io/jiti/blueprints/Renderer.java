package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import io.jiti.api.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders a member template: every string in it is a Jinja template (jinjava) over the parameters and
 * {@code stack}, {@code name}, {@code environment}. A string that is one expression ({@code "{{ replicas }}"})
 * becomes a number or boolean when it renders as one. Errors (also unknown variables) are reported at the
 * string's line in the blueprint file.
 */
final class Renderer {
    private static final Pattern ONE_EXPRESSION = Pattern.compile("^\\s*\\{\\{[^{}]*}}\\s*$");
    private final Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).build());

    /** {@code node} (at {@code pointer} in {@code b}'s file) rendered with {@code context}. */
    JsonNode render(JsonNode node, String pointer, Map<String, Object> context, Blueprint b, List<Diagnostic> problems) {
        if (node.isTextual()) {
            return renderString(node.asText(), pointer, context, b, problems);
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> out.set(f.getKey(),
                    render(f.getValue(), pointer + "/" + f.getKey(), context, b, problems)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(render(node.get(i), pointer + "/" + i, context, b, problems));
            }
            return out;
        }
        return node.deepCopy();
    }

    private JsonNode renderString(String template, String pointer, Map<String, Object> context, Blueprint b,
            List<Diagnostic> problems) {
        if (!template.contains("{{") && !template.contains("{%")) {
            return JsonNodeFactory.instance.textNode(template);
        }
        RenderResult result = jinjava.renderForResult(template, context);
        List<TemplateError> errors = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).toList();
        if (!errors.isEmpty()) {
            int[] at = b.positions().ofValue(pointer);
            for (TemplateError e : errors) {
                problems.add(new Diagnostic(b.file(), at[0], at[1], "template error in blueprint " + b.id() + ": "
                        + e.getMessage()));
            }
            return JsonNodeFactory.instance.textNode("");
        }
        String out = result.getOutput();
        if (ONE_EXPRESSION.matcher(template).matches()) {
            String t = out.trim();
            if (t.equals("true") || t.equals("True")) {
                return JsonNodeFactory.instance.booleanNode(true);
            }
            if (t.equals("false") || t.equals("False")) {
                return JsonNodeFactory.instance.booleanNode(false);
            }
            if (t.matches("-?\\d{1,18}")) {
                long n = Long.parseLong(t);
                return n == (int) n ? JsonNodeFactory.instance.numberNode((int) n) : JsonNodeFactory.instance.numberNode(n);
            }
            if (t.matches("-?\\d+\\.\\d+")) {
                return JsonNodeFactory.instance.numberNode(Double.parseDouble(t));
            }
        }
        return JsonNodeFactory.instance.textNode(out);
    }
}

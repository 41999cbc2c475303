package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a member template: every string in it is a Jinja template (jinjava) over the parameters and
 * {@code stack}, {@code name}, {@code environment}. A string that is just a variable ({@code "{{ env }}"})
 * becomes that variable's value as it is (a mapping, a list, a number…; a list inside a list is spliced
 * into it; a mapping under the key {@code <<} is merged into the mapping holding it, whose own keys win),
 * and disappears (from its mapping or list) when the variable is a parameter left unset. Another string
 * that is one expression becomes a number or boolean when it renders as one, unless it ends with the
 * {@code string} filter ({@code "{{ port | string }}"}). Errors (also unknown variables) are reported at
 * the string's line in the blueprint file.
 *
 * <p>Templates run in a sandbox: {@code include}, {@code import} and {@code extends} read only files of the
 * blueprint's own bundle ({@link BundleFiles}); one string renders to at most {@link #MAX_OUTPUT} characters;
 * {@code range} gives at most 1,000 numbers and a list holds at most 10,000 items; one expansion renders at
 * most {@link #MAX_STEPS} template nodes (each loop iteration counts its body) within {@link #MAX_TIME}. A
 * template past a limit is an error at its line, and rendering stops there.
 */
final class Renderer {
    /** The longest text one string may render to. */
    static final int MAX_OUTPUT = 1 << 20;
    /** The template nodes one expansion may render (a loop's body counts once per iteration). */
    static final int MAX_STEPS = 100_000;
    /** How long one expansion's templates may take in all. */
    static final java.time.Duration MAX_TIME = java.time.Duration.ofSeconds(2);
    private static final Pattern ONE_EXPRESSION = Pattern.compile("^\\s*\\{\\{[^{}]*}}\\s*$");
    private static final Pattern ONE_VARIABLE = Pattern.compile("^\\s*\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}\\s*$");
    private static final Pattern AS_TEXT = Pattern.compile("\\|\\s*string\\s*}}\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A key whose mapping value is merged into the mapping that holds it, as YAML's merge key. */
    private static final String MERGE = "<<";
    private final Jinjava jinjava;
    private Blueprint current;
    private int steps;
    private long deadline;
    private String exceeded;

    Renderer() {
        jinjava = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(true)
                .withMaxOutputSize(MAX_OUTPUT).withMaxStringLength(MAX_OUTPUT).withRangeLimit(1000)
                .withMaxListSize(10_000).withMaxMapSize(10_000).withMaxRenderDepth(10)
                .withNodePreProcessor((node, interpreter) -> step()).build());
        jinjava.setResourceLocator(new BundleFiles(() -> current));
    }

    /** Counts one rendered node; stops the render past a limit. */
    private void step() {
        if (exceeded == null && ++steps > MAX_STEPS) {
            exceeded = "the templates render more than " + MAX_STEPS + " nodes (loops count once per iteration)";
        } else if (exceeded == null && System.nanoTime() - deadline > 0) {
            exceeded = "the templates take longer than " + MAX_TIME.toSeconds() + "s to render";
        }
        if (exceeded != null) {
            throw new IllegalStateException(exceeded);
        }
    }

    /**
     * {@code node} (at {@code pointer} in {@code b}'s file) rendered with {@code context}; null when it is
     * a string that stands for an unset parameter.
     */
    JsonNode render(JsonNode node, String pointer, Map<String, Object> context, Blueprint b, List<Diagnostic> problems) {
        if (node.isTextual()) {
            return renderString(node.asText(), pointer, context, b, problems);
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            JsonNode[] merged = {null};
            node.fields().forEachRemaining(f -> {
                JsonNode v = render(f.getValue(), pointer + "/" + f.getKey(), context, b, problems);
                if (v != null && f.getKey().equals(MERGE) && v.isObject()) {
                    merged[0] = v;
                } else if (v != null) {
                    out.set(f.getKey(), v);
                }
            });
            if (merged[0] != null) {
                merged[0].fields().forEachRemaining(f -> out.putIfAbsent(f.getKey(), f.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = render(node.get(i), pointer + "/" + i, context, b, problems);
                if (v != null && v.isArray() && node.get(i).isTextual()) {
                    out.addAll((ArrayNode) v);
                } else if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        return node.deepCopy();
    }

    private static String message(TemplateError e) {
        return e.getReason() == TemplateError.ErrorReason.OUTPUT_TOO_BIG
                ? "the string renders to more than " + MAX_OUTPUT + " characters" : e.getMessage();
    }

    private JsonNode renderString(String template, String pointer, Map<String, Object> context, Blueprint b,
            List<Diagnostic> problems) {
        if (!template.contains("{{") && !template.contains("{%")) {
            return JsonNodeFactory.instance.textNode(template);
        }
        Matcher variable = ONE_VARIABLE.matcher(template);
        if (variable.matches() && context.containsKey(variable.group(1))) {
            Object value = context.get(variable.group(1));
            return value == null ? null : JSON.valueToTree(value);
        }
        if (exceeded != null) {
            return JsonNodeFactory.instance.textNode(""); // reported once, where it happened
        }
        if (deadline == 0) {
            deadline = System.nanoTime() + MAX_TIME.toNanos();
        }
        current = b;
        RenderResult result = jinjava.renderForResult(template, context);
        List<String> errors = exceeded != null ? List.of(exceeded) : result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).map(Renderer::message).toList();
        if (!errors.isEmpty()) {
            int[] at = b.positions().ofValue(pointer);
            for (String e : errors) {
                problems.add(new Diagnostic(b.file(), at[0], at[1], "template error in blueprint " + b.id() + ": " + e));
            }
            return JsonNodeFactory.instance.textNode("");
        }
        String out = result.getOutput();
        if (ONE_EXPRESSION.matcher(template).matches() && !AS_TEXT.matcher(template).find()) {
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

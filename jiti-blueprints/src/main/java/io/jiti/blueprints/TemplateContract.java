package io.jiti.blueprints;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a blueprint promises and needs as a platform template: its kind, the typed outputs an environment
 * template provides, and what a service template requires of its environment, with the environment
 * template majors it fits and the particle types a developer may attach to its instances as components.
 * A plain blueprint has no kind and an empty contract.
 *
 * @param kind         {@code environment}, {@code service}, or empty for a plain blueprint
 * @param provides     an environment template's outputs and their JSON Schema types ({@code string}, …)
 * @param requires     what a service template reads as {@code ${environment.NAME}}, with the types it needs
 * @param environments the environment templates a service template fits, as {@code NAME@MAJOR}
 * @param components   the particle types a developer may add to its instances (empty: none)
 */
public record TemplateContract(Optional<String> kind, Map<String, String> provides, Map<String, String> requires,
                               List<String> environments, List<String> components) {
    /** A reference to an environment output inside a service template's members. */
    public static final Pattern ENVIRONMENT_REF = Pattern.compile(
            "\\$\\{environment\\.([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)*)}");

    public TemplateContract {
        provides = Collections.unmodifiableMap(new LinkedHashMap<>(provides));
        requires = Collections.unmodifiableMap(new LinkedHashMap<>(requires));
        environments = List.copyOf(environments);
        components = List.copyOf(components);
    }

    /** The contract of a plain blueprint. */
    public static TemplateContract none() {
        return new TemplateContract(Optional.empty(), Map.of(), Map.of(), List.of(), List.of());
    }

    /** {@code text} with every {@code ${environment.NAME}} replaced by {@code values}' NAME (left when absent). */
    public static String bind(String text, Map<String, String> values) {
        Matcher m = ENVIRONMENT_REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}

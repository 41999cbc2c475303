package io.jiti.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@code connect: [db, uploads]} in a spec into environment variables: each connected particle's
 * {@link ConnectTemplate} with its outputs written as references ({@code ${db.password}}), so they resolve,
 * order the graph and stay secret like any reference. Variables the spec's own {@code env} sets win.
 */
final class Connections {
    private Connections() {
    }

    /** {@code spec} with the variables of its connections merged into {@code env}; unchanged without any. */
    static Map<String, Object> expand(Map<String, Object> spec, Map<String, String> typeOf, TypeCatalog catalog) {
        if (!(spec.get("connect") instanceof List<?> connect) || connect.isEmpty()) {
            return spec;
        }
        Map<String, Object> env = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (Object item : connect) {
            String name = String.valueOf(item);
            Optional<ConnectTemplate> template = Optional.ofNullable(typeOf.get(name))
                    .flatMap(catalog::type).map(TypeInfo::connect);
            if (template.isEmpty()) {
                continue; // the validator reported it
            }
            template.get().env().forEach((k, v) -> env.putIfAbsent(k, references(v, name)));
            template.get().defaults().forEach((k, v) -> defaults.putIfAbsent(k, references(v, name)));
            String prefix = name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_') + "_";
            template.get().named().forEach((k, v) -> env.put(prefix + k, references(v, name)));
        }
        defaults.forEach(env::putIfAbsent);
        if (spec.get("env") instanceof Map<?, ?> own) {
            own.forEach((k, v) -> env.put(String.valueOf(k), v));
        }
        Map<String, Object> out = new LinkedHashMap<>(spec);
        out.put("env", env);
        return out;
    }

    /** {@code ${output}} in a template as {@code ${particle.output}}. */
    private static String references(String template, String particle) {
        return template.replaceAll("\\$\\{([A-Za-z][A-Za-z0-9_]*)}", "\\${" + particle + ".$1}");
    }
}

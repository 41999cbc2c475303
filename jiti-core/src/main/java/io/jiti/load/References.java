package io.jiti.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and resolves references {@code ${particle.output}} in spec strings. {@code $${} writes a literal
 * {@code ${}.
 */
public final class References {
    private static final Pattern REF = Pattern.compile("\\$(\\$?)\\{([^}]*)}");
    private static final Pattern INNER = Pattern.compile("([a-z][a-z0-9-]*(?:\\.[a-z][a-z0-9-]*)*)\\.([A-Za-z][A-Za-z0-9_]*)");

    private References() {
    }

    /** The references in one string; malformed ones are returned as problems in {@code malformed}. */
    public static List<Reference> find(String text, List<String> malformed) {
        List<Reference> out = new ArrayList<>();
        Matcher m = REF.matcher(text);
        while (m.find()) {
            if (!m.group(1).isEmpty()) {
                continue;
            }
            Matcher inner = INNER.matcher(m.group(2));
            if (inner.matches()) {
                out.add(new Reference(inner.group(1), inner.group(2)));
            } else {
                malformed.add(m.group());
            }
        }
        return out;
    }

    /** Every reference anywhere in a spec value (maps, lists, strings). */
    public static List<Reference> findAll(Object value) {
        List<Reference> out = new ArrayList<>();
        walk(value, s -> {
            out.addAll(find(s, new ArrayList<>()));
            return s;
        });
        return out;
    }

    /** Replaces each reference in {@code text} with {@code lookup}'s value and unescapes {@code $${}. */
    public static String resolve(String text, Function<Reference, String> lookup) {
        return each(text, (ref, written) -> ref == null ? written : lookup.apply(ref), true);
    }

    /**
     * {@code text} with each reference replaced by the one {@code change} gives for it; escapes ({@code $${})
     * and malformed references stay as written.
     */
    public static String rewrite(String text, java.util.function.UnaryOperator<Reference> change) {
        return each(text, (ref, written) -> ref == null ? written : change.apply(ref).toString(), false);
    }

    /** What a reference (null when malformed) written as {@code written} becomes. */
    private interface Replacement {
        String of(Reference ref, String written);
    }

    private static String each(String text, Replacement replacement, boolean unescape) {
        Matcher m = REF.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String out;
            if (!m.group(1).isEmpty()) {
                out = unescape ? "${" + m.group(2) + "}" : m.group();
            } else {
                Matcher inner = INNER.matcher(m.group(2));
                out = replacement.of(inner.matches() ? new Reference(inner.group(1), inner.group(2)) : null, m.group());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(out));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A copy of {@code value} with every string resolved. */
    public static Object resolveAll(Object value, Function<Reference, String> lookup) {
        return walk(value, s -> resolve(s, lookup));
    }

    @SuppressWarnings("unchecked")
    private static Object walk(Object value, Function<String, String> onString) {
        if (value instanceof String s) {
            return onString.apply(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, walk(v, onString)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(walk(v, onString)));
            return out;
        }
        return value;
    }
}

package io.jiti.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Field-level differences between two specs, with sensitive values masked. */
public final class Diffs {
    /** Shown in place of a sensitive value. */
    public static final String MASK = "(sensitive)";
    /** Shown for a value that is known only once its dependencies are applied. */
    public static final String UNKNOWN = "(known after apply)";
    private static final Pattern SENSITIVE =
            Pattern.compile("(?i).*(password|passwd|secret|token|api_?key|private_?key|credential).*");

    private Diffs() {
    }

    /** The changed fields between {@code from} and {@code to}, under {@code prefix} (such as {@code spec}). */
    public static List<FieldDiff> between(String prefix, Map<String, Object> from, Map<String, Object> to) {
        Map<String, Object> a = new LinkedHashMap<>();
        Map<String, Object> b = new LinkedHashMap<>();
        flatten(prefix, from, a);
        flatten(prefix, to, b);
        List<FieldDiff> out = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(a.keySet());
        paths.addAll(b.keySet());
        for (String path : paths) {
            Object x = a.get(path);
            Object y = b.get(path);
            if (!sameValue(x, y)) {
                out.add(sensitive(path) ? new FieldDiff(path, x == null ? null : MASK, y == null ? null : MASK)
                        : new FieldDiff(path, x, y));
            }
        }
        return out;
    }

    /** Whether a field's value must never be shown. */
    public static boolean sensitive(String path) {
        return SENSITIVE.matcher(path.substring(path.lastIndexOf('.') + 1)).matches();
    }

    /** The top-level spec fields a diff touches ({@code spec.env.X} touches {@code env}). */
    public static List<String> topLevelFields(List<FieldDiff> diff) {
        return diff.stream().map(d -> d.path().split("[.\\[]")[1]).distinct().toList();
    }

    private static boolean sameValue(Object x, Object y) {
        if (x instanceof Number n && y instanceof Number m) {
            return new java.math.BigDecimal(n.toString()).compareTo(new java.math.BigDecimal(m.toString())) == 0;
        }
        return Objects.equals(x, y);
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String path, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            ((Map<String, Object>) map).forEach((k, v) -> flatten(path + "." + k, v, out));
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "[" + i + "]", list.get(i), out);
            }
        } else if (value != null && !(value instanceof Map) && !(value instanceof List)) {
            out.put(path, value);
        }
    }
}

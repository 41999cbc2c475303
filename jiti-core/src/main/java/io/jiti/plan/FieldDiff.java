package io.jiti.plan;

/**
 * One changed field.
 *
 * @param path the field, such as {@code spec.instances} or {@code spec.env.PORT}
 * @param from the live value, or null when added
 * @param to   the desired value, or null when removed
 */
public record FieldDiff(String path, Object from, Object to) {
}

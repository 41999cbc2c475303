package io.jiti.api;

/**
 * One action one particle may take on another: the unit in which a stack's permissions are aggregated
 * (the union of every particle's {@link Permission} statements, each triple once).
 *
 * @param principal the particle that acts
 * @param action    {@code TYPE:VERB}
 * @param resource  the particle acted on
 * @param note      the note of the first statement that granted it
 */
public record Grant(String principal, String action, String resource, String note) {
}

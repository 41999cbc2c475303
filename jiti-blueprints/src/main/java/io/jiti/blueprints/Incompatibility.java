package io.jiti.blueprints;

/**
 * One reason a new minor version is not backward compatible with an older one.
 *
 * @param kind    which rule it breaks
 * @param message what changed, for people
 */
public record Incompatibility(Kind kind, String message) {

    /** The rules a minor version keeps. */
    public enum Kind {
        /** A parameter stacks must now set, which they could not know about. */
        NEW_REQUIRED_PARAMETER,
        /** A parameter stacks may set is gone (or renamed). */
        REMOVED_PARAMETER,
        /** An output stacks may reference is gone (or renamed). */
        REMOVED_OUTPUT,
        /** A value that was allowed is not any more (type, enum, bounds, pattern). */
        NARROWED_PARAMETER,
        /** With a sample's parameters, a member would be replaced or deleted. */
        DESTRUCTIVE_CHANGE,
        /** A sample the old version renders does not render (or validate) with the new one. */
        SAMPLE_BROKEN,
        /** The versions do not make an upgrade of one minor to a later one of the same blueprint. */
        NOT_A_MINOR_UPGRADE
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + message;
    }
}

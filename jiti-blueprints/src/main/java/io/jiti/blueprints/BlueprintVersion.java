package io.jiti.blueprints;

import java.util.Optional;

/**
 * A blueprint version, {@code MAJOR.MINOR}: minors of one major are backward compatible.
 *
 * @param major the major version
 * @param minor the minor version
 */
public record BlueprintVersion(int major, int minor) implements Comparable<BlueprintVersion> {

    /** {@code MAJOR.MINOR}, or empty when {@code text} is not one. */
    public static Optional<BlueprintVersion> parse(String text) {
        if (text == null || !text.matches("\\d{1,6}\\.\\d{1,6}")) {
            return Optional.empty();
        }
        String[] p = text.split("\\.");
        return Optional.of(new BlueprintVersion(Integer.parseInt(p[0]), Integer.parseInt(p[1])));
    }

    @Override
    public int compareTo(BlueprintVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}

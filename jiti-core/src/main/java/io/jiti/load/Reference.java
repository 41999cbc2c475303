package io.jiti.load;

/**
 * A reference {@code ${particle.output}} found in a spec string.
 *
 * @param particle the particle whose output is read
 * @param output   the output name
 */
public record Reference(String particle, String output) {

    /** The text as written, {@code ${particle.output}}. */
    @Override
    public String toString() {
        return "${" + particle + "." + output + "}";
    }
}

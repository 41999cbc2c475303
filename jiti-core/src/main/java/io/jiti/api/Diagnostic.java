package io.jiti.api;

/**
 * One problem found in a stack definition, with where it is. Lines and columns are 1-based;
 * they are 0 when the stack was built in code and has no file.
 */
public record Diagnostic(String file, int line, int column, String message) {

    /** {@code FILE:LINE:COL: message}, the form editors and compilers use. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}

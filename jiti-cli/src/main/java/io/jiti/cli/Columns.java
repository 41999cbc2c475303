package io.jiti.cli;

/**
 * Columns, as {@code %-Ns} and {@code %Ns} would make them, without a {@link java.util.Formatter}: the first
 * {@code String.format} of a CLI run costs it 12-22 ms, and 500 rows 45 ms.
 */
final class Columns {
    private Columns() {
    }

    /** {@code value} padded with spaces to at least {@code width} characters (never cut). */
    static String pad(String value, int width) {
        String s = String.valueOf(value);
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** {@code value} right-justified in at least {@code width} characters (never cut). */
    static String right(String value, int width) {
        String s = String.valueOf(value);
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}

package io.jiti.cli;

import java.io.PrintWriter;

/**
 * Where output goes, and how it looks: colors and symbols on an interactive terminal, plain ASCII when
 * piped or when {@code NO_COLOR} is set.
 */
final class Terminal {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean color;

    Terminal(PrintWriter out, PrintWriter err, boolean color) {
        this.out = out;
        this.err = err;
        this.color = color;
    }

    /** Colors only for a console with {@code NO_COLOR} unset and a capable {@code TERM}. */
    static boolean colorWanted() {
        String noColor = System.getenv("NO_COLOR");
        String term = System.getenv("TERM");
        return System.console() != null && (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    boolean color() {
        return color;
    }

    String green(String s) {
        return paint("32", s);
    }

    String yellow(String s) {
        return paint("33", s);
    }

    String red(String s) {
        return paint("31", s);
    }

    String bold(String s) {
        return paint("1", s);
    }

    String dim(String s) {
        return paint("2", s);
    }

    private String paint(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    synchronized void line(String s) {
        out.println(s);
        out.flush();
    }

    synchronized void error(String s) {
        err.println(s);
        err.flush();
    }
}

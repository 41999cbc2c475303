package io.jiti.local.agent;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The argv for a spec's {@code command}, run by {@code sh -c}. A simple command (no lists, pipes,
 * subshells, assignments or shell keywords) is run with {@code exec}, so that the process jiti reports and
 * supervises is the application itself, not a shell waiting for it.
 */
final class ShellCommand {
    private static final Pattern COMPOUND = Pattern.compile("[;&|()<>`\\n]|\\$\\(");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "until", "case", "cd", "exec", "export",
            "set", "source", ".", "{", "!", "eval", "trap", "ulimit", "umask");

    private ShellCommand() {
    }

    static List<String> argv(String command) {
        String trimmed = command.strip();
        String first = trimmed.split("\\s+", 2)[0];
        boolean simple = !COMPOUND.matcher(trimmed).find() && !first.contains("=") && !KEYWORDS.contains(first);
        return List.of("sh", "-c", simple ? "exec " + trimmed : trimmed);
    }
}

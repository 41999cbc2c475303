package io.jiti.local.agent;

import io.jiti.local.UserUmask;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The argv for a spec's {@code command}, run by {@code sh -c}. A simple command (no lists, pipes,
 * subshells, assignments or shell keywords) is run with {@code exec}, so that the process jiti reports and
 * supervises is the application itself, not a shell waiting for it. The command runs with the user's umask
 * (what it writes into the user's tree is as it would be from their shell), not the agent's 077.
 */
final class ShellCommand {
    private static final Pattern COMPOUND = Pattern.compile("[;&|()<>`\\n]|\\$\\(");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "until", "case", "cd", "exec", "export",
            "set", "source", ".", "{", "!", "eval", "trap", "ulimit", "umask");

    /** The umask of the user who started the agent, for the commands of stacks (jiti's own is 077). */
    static final String UMASK = UserUmask.valid(System.getenv(UserUmask.VARIABLE));

    private ShellCommand() {
    }

    /** The argv running {@code command} with the user's umask ({@link UserUmask}). */
    static List<String> argv(String command) {
        return argv(command, UMASK);
    }

    /** The argv running {@code command} with {@code umask} (four octal digits). */
    static List<String> argv(String command, String umask) {
        String trimmed = command.strip();
        String first = trimmed.split("\\s+", 2)[0];
        boolean simple = !COMPOUND.matcher(trimmed).find() && !first.contains("=") && !KEYWORDS.contains(first);
        return List.of("sh", "-c", "umask " + umask + "; " + (simple ? "exec " + trimmed : trimmed));
    }
}

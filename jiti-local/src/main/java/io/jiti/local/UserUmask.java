package io.jiti.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user's umask, for the commands of a stack. jiti's own files are private (the agent runs with umask
 * 077), but the commands a stack runs (instances, jobs, builds) write into the user's own tree and get
 * the umask of the shell that started the agent, read from {@code /proc/self/status}; {@code 0022} when
 * it cannot be read.
 */
public final class UserUmask {
    /** The agent's variable holding it (never passed to children). */
    public static final String VARIABLE = "JITI_USER_UMASK";
    private static final String DEFAULT = "0022";

    private UserUmask() {
    }

    /** This process's umask as four octal digits. */
    public static String current() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return valid(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no procfs: the usual default
        }
        return DEFAULT;
    }

    /** {@code value} if it is an octal umask, else the default. */
    public static String valid(String value) {
        return value != null && value.matches("0?[0-7]{3}") ? value : DEFAULT;
    }
}

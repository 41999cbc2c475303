package io.jiti.local.agent;

import io.jiti.command.Invocation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/commands}, as {@link io.jiti.local.AgentForwarder} writes it.
 *
 * @param args    the command line, the command's name first
 * @param workDir where the caller ran it (absolute)
 * @param env     the caller's {@link Invocation#SETTINGS} that are set
 * @param color   whether the caller's terminal wants colors
 * @param build   the caller's build ({@link io.jiti.local.OwnJar#identity})
 */
record CommandRequest(List<String> args, String workDir, Map<String, String> env, boolean color, String build) {
    static final int MAX_ARGS = 64;
    static final int MAX_TEXT = 4096;

    /** The invocation the request describes; a field that is missing or out of bounds is a 400 naming it. */
    Invocation invocation() {
        if (args == null || args.isEmpty() || args.size() > MAX_ARGS) {
            throw bad("args: 1 to " + MAX_ARGS + " arguments expected");
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) == null || args.get(i).length() > MAX_TEXT || args.get(i).indexOf('\0') >= 0) {
                throw bad("args[" + i + "]: a string of at most " + MAX_TEXT + " characters (no NUL) expected");
            }
        }
        Path dir;
        try {
            dir = workDir == null || workDir.length() > MAX_TEXT ? null : Path.of(workDir);
        } catch (InvalidPathException e) {
            dir = null;
        }
        if (dir == null || !dir.isAbsolute()) {
            throw bad("workDir: an absolute path expected");
        }
        Map<String, String> settings = env == null ? Map.of() : env;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!Invocation.SETTINGS.contains(e.getKey())) {
                throw bad("env: only " + Invocation.SETTINGS.stream().sorted().toList() + " are taken, not '"
                        + e.getKey() + "'");
            }
            if (e.getValue() == null || e.getValue().length() > MAX_TEXT || e.getValue().indexOf('\0') >= 0) {
                throw bad("env." + e.getKey() + ": a string of at most " + MAX_TEXT + " characters (no NUL) expected");
            }
        }
        if (build == null || build.isEmpty() || build.length() > MAX_TEXT) {
            throw bad("build: the caller's build expected");
        }
        return new Invocation(args, dir, settings, color);
    }

    private static Agent.AgentException bad(String message) {
        return new Agent.AgentException(400, message);
    }
}

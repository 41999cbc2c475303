package io.jiti.command;

import io.jiti.spi.ProviderContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A jiti command line as its caller ran it. A command resolves its paths against {@code workDir} and reads
 * its settings from {@code env}, never from the JVM it happens to run in, so that another JVM can run it
 * for the caller ({@link CommandForwarder}) with the same result.
 *
 * @param args    the arguments, the command's name first
 * @param workDir the directory the caller ran it in (absolute)
 * @param env     the caller's environment (of a forwarded invocation: only its {@link #SETTINGS})
 * @param color   whether the output may use colors (the caller's terminal wants them)
 */
public record Invocation(List<String> args, Path workDir, Map<String, String> env, boolean color) {
    /** The variables of the environment that the commands a {@link CommandHost} runs may read. */
    public static final Set<String> SETTINGS = Set.of("JITI_HOME", "JITI_TIMEOUT", "JITI_ENVIRONMENT");

    public Invocation {
        args = List.copyOf(args);
        if (!workDir.isAbsolute()) {
            throw new IllegalArgumentException("workDir must be absolute: " + workDir);
        }
        env = Map.copyOf(env);
    }

    /** The invocation of this JVM's command line: its working directory and whole environment. */
    public static Invocation here(String[] args, boolean color) {
        return new Invocation(List.of(args), Path.of("").toAbsolutePath(), System.getenv(), color);
    }

    /**
     * The provider context the invocation's environment gives: its {@code JITI_HOME} (a relative one is
     * relative to {@link #workDir}, as in the caller's shell) or {@code ~/.jiti}.
     */
    public ProviderContext context() {
        String home = env.get("JITI_HOME");
        if (home == null || home.isBlank() || Path.of(home).isAbsolute()) {
            return ProviderContext.of(env);
        }
        Map<String, String> resolved = new HashMap<>(env);
        resolved.put("JITI_HOME", workDir.resolve(home).toString());
        return ProviderContext.of(resolved);
    }

    /** {@code path} as the caller meant it: relative paths are relative to {@link #workDir}. */
    public Path resolve(Path path) {
        return workDir.resolve(path);
    }

    /** This invocation with only the {@link #SETTINGS} of its environment: what is handed to another JVM. */
    public Invocation settingsOnly() {
        Map<String, String> settings = new HashMap<>();
        for (String name : SETTINGS) {
            String value = env.get(name);
            if (value != null) {
                settings.put(name, value);
            }
        }
        return new Invocation(args, workDir, settings, color);
    }
}

package io.jiti.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The jar this JVM runs from, when its class path is that one jar (the packaged CLI, an agent's copy of it). */
public final class OwnJar {
    /** The system property the agent learns its CLI's {@link #identity} from. */
    public static final String BUILD_PROPERTY = "jiti.build";

    private OwnJar() {
    }

    /**
     * What tells this build apart without reading the jar: its absolute path, size and modification time.
     * Empty without a jar; a rebuilt jar is another build, even with the same bytes.
     */
    public static Optional<String> identity() {
        return path().flatMap(jar -> {
            try {
                java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(jar,
                        java.nio.file.attribute.BasicFileAttributes.class);
                // a StringBuilder, not '+': the first string concatenation of a JVM costs the CLI 20 ms
                return Optional.of(new StringBuilder().append(jar.toAbsolutePath()).append(' ').append(a.size())
                        .append(' ').append(a.lastModifiedTime().toMillis()).toString());
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        });
    }

    /** The jar; empty when the class path is a build tree or several entries (tests, the IDE). */
    public static Optional<Path> path() {
        String cp = System.getProperty("java.class.path");
        boolean one = !cp.contains(File.pathSeparator) && cp.endsWith(".jar") && Files.isRegularFile(Path.of(cp));
        return one ? Optional.of(Path.of(cp)) : Optional.empty();
    }
}

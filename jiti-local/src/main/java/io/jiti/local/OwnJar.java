package io.jiti.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The jar this JVM runs from, when its class path is that one jar (the packaged CLI, an agent's copy of it). */
public final class OwnJar {
    private OwnJar() {
    }

    /** The jar; empty when the class path is a build tree or several entries (tests, the IDE). */
    public static Optional<Path> path() {
        String cp = System.getProperty("java.class.path");
        boolean one = !cp.contains(File.pathSeparator) && cp.endsWith(".jar") && Files.isRegularFile(Path.of(cp));
        return one ? Optional.of(Path.of(cp)) : Optional.empty();
    }
}

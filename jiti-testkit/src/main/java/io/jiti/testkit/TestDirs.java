package io.jiti.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary directories for integration tests (homes, apps, scratch output) that are removed when the test
 * JVM ends, whatever the tests did: a test run leaves nothing in the temporary directory (about 40 MB per
 * CI run before, mostly copied builds). Every process a test starts is stopped by the test itself, before.
 */
public final class TestDirs {
    private static final List<Path> MADE = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> MADE.forEach(TestDirs::deleteQuietly), "test-dirs"));
    }

    private TestDirs() {
    }

    /**
     * A copy of the app in {@code app} (file modes kept) in a new directory like {@link #create}, without its
     * build output ({@code target}).
     */
    public static Path copyApp(Path app, String prefix) throws IOException {
        Path to = create(prefix);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(app)) {
            for (Path p : files.filter(p -> !app.relativize(p).startsWith("target")).toList()) {
                Path dest = to.resolve(app.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(dest);
                } else {
                    java.nio.file.Files.copy(p, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /** A new directory in the temporary directory, named {@code prefix} and a random part, removed at exit. */
    public static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        MADE.add(dir);
        return dir;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort at exit
        }
    }
}

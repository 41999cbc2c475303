package io.jiti.local.agent;

import io.jiti.local.DurableFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A service's releases: each successful build's tree (sources and build output, without {@code .git})
 * copied to {@code JITI_HOME/stacks/STACK/releases/NAME/KEY}, complete or not at all, private to the user
 * (owner bits only), and never written again. Instances run from their release, so a later build in the source tree (or a rollback) never
 * changes a file under a running instance. The newest {@link #KEEP} and every one an instance still runs
 * from are kept.
 */
final class Releases {
    /** Releases kept beyond the ones in use, for rollback. */
    static final int KEEP = 3;
    private static final Set<String> SKIPPED = Set.of(".git");
    private final Path dir;

    /** The releases in {@code dir} ({@code releases/NAME}). */
    Releases(Path dir) {
        this.dir = dir;
    }

    /** The release of {@code key}, if it was made. */
    java.util.Optional<Path> find(String key) {
        Path r = dir.resolve(key);
        return Files.isDirectory(r) ? java.util.Optional.of(r) : java.util.Optional.empty();
    }

    /** Makes the release of {@code key} from the built tree {@code source} (once); returns it. */
    Path publish(String key, Path source) throws IOException {
        Path release = dir.resolve(key);
        DurableFiles.createDirectoryOnce(release, into -> copyTree(source, into));
        return release;
    }

    /** Removes the releases that are neither among the newest {@link #KEEP} nor in {@code inUse}. */
    void prune(Set<Path> inUse) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().endsWith(".unpacking"))
                    .sorted(Comparator.comparing(Releases::modified).reversed()).toList();
        }
        for (Path r : all.subList(Math.min(KEEP, all.size()), all.size())) {
            if (!inUse.contains(r)) {
                DurableFiles.deleteTree(r);
            }
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(from) && SKIPPED.contains(d.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path dir = Files.createDirectories(to.resolve(from.relativize(d).toString()));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(f).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(f));
                } else if (attrs.isRegularFile()) {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    // the home is private: the owner's bits only (an executable stays executable)
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
                    perms.retainAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE));
                    Files.setPosixFilePermissions(target, perms);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

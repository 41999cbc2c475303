package io.jiti.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Durable file writes: a crash leaves either the old or the new content, never half of one. */
public final class DurableFiles {
    private DurableFiles() {
    }

    /** Writes {@code text} to a temporary sibling, syncs it, and renames it over {@code target}. */
    public static void writeAtomically(Path target, String text, boolean ownerOnly) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (ownerOnly) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Fills a directory with files. */
    @FunctionalInterface
    public interface Filler {
        /** Writes the files into {@code dir}, which exists and is empty. */
        void fill(Path dir) throws IOException;
    }

    /**
     * Makes {@code dir} once: {@code filler} writes into a temporary sibling, which is then renamed to
     * {@code dir}, so {@code dir} exists only complete (a crash leaves at most the sibling, redone next
     * time). Does nothing when {@code dir} exists.
     */
    public static void createDirectoryOnce(Path dir, Filler filler) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path tmp = dir.resolveSibling(dir.getFileName() + ".unpacking");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        filler.fill(tmp);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes a directory tree if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

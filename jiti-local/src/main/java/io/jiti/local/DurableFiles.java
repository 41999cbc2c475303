package io.jiti.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;

/**
 * Durable file writes: a crash leaves either the old or the new content, never half of one. A write goes
 * to a temporary sibling of its own (two writers of one target never share it), is synced, renamed over
 * the target, and the directory is synced so that the rename itself survives a crash. Files are written
 * owner-only ({@code 0600}).
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /**
     * Writes {@code text} to {@code target} durably; when this returns, the new content is on disk. Throws
     * (and leaves the old content) when the disk is full or the write fails otherwise.
     */
    public static void writeAtomically(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #writeAtomically(Path, String)} of bytes. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, true);
    }

    /**
     * Replaces {@code target} with {@code text} atomically (a reader sees the old or the new content) but
     * without waiting for the disk: for a file whose durable truth is elsewhere (a file particle's content is
     * in its record, and a file that did not reach the disk shows as changed and is written again).
     */
    public static void replace(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static void write(Path target, byte[] bytes, boolean durable) throws IOException {
        if (!Files.isDirectory(target.getParent())) {
            PrivateFiles.directories(target.getParent());
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PrivateFiles.FILE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (durable) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        if (durable) {
            syncDirectory(target.getParent());
        }
    }

    /**
     * Syncs a directory, so that the names created, renamed or removed in it are on disk. Writers of one
     * directory share syncs (group commit): a caller waits for a sync that started after its call, and one
     * sync serves every caller that came while the one before it ran.
     */
    public static void syncDirectory(Path dir) throws IOException {
        GROUPS.computeIfAbsent(dir.toAbsolutePath().normalize(), DirectorySync::new).sync();
    }

    private static final java.util.concurrent.ConcurrentMap<Path, DirectorySync> GROUPS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The syncs of one directory, shared by the writers that wait for one at the same time. */
    private static final class DirectorySync {
        private final Path dir;
        private long requested;
        private long completed;
        private boolean running;

        DirectorySync(Path dir) {
            this.dir = dir;
        }

        void sync() throws IOException {
            long mine;
            synchronized (this) {
                mine = ++requested;
            }
            while (true) {
                long upTo;
                synchronized (this) {
                    if (completed >= mine) {
                        return;
                    }
                    if (running) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException("interrupted while syncing " + dir);
                        }
                        continue;
                    }
                    running = true;
                    upTo = requested; // every caller so far: their renames happened before this sync starts
                }
                boolean done = false;
                try {
                    force();
                    done = true;
                } finally {
                    synchronized (this) {
                        running = false;
                        if (done) {
                            completed = Math.max(completed, upTo);
                        }
                        notifyAll();
                    }
                }
            }
        }

        /** One sync of the directory, by the caller that leads a group. */
        private void force() throws IOException {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
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
        PrivateFiles.directories(tmp);
        filler.fill(tmp);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir.getParent());
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

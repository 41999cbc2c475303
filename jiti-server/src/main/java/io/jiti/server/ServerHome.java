package io.jiti.server;

import io.jiti.api.JitiException;
import io.jiti.platform.model.IssuedToken;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's directory, {@code JITI_HOME/server} (0700): its lock (one server per home), the embedded
 * database, and {@code admin.token} (0600) written at the first start.
 */
final class ServerHome implements AutoCloseable {
    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private ServerHome(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the home's lock; a second server on the same home is refused with a clear message. */
    static ServerHome lock(Path home) {
        Path dir = home.resolve("server");
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            FileChannel ch = FileChannel.open(dir.resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null; // held by this very process
            }
            if (l == null) {
                ch.close();
                throw new ServerBusyException("a jiti server already runs on " + home + " (" + dir.resolve("server.lock")
                        + " is locked); stop it first, or give this one another JITI_HOME");
            }
            return new ServerHome(dir, ch, l);
        } catch (IOException e) {
            throw new JitiException("cannot use " + dir + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Writes the first admin's token to {@code admin.token} (0600), durably (write, fsync, rename). */
    Path writeAdminToken(IssuedToken token) {
        Path file = dir.resolve("admin.token");
        Path tmp = dir.resolve("admin.token.tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(StandardCharsets.UTF_8.encode(token.secret() + "\n"));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new JitiException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }

    /** Another server holds the home. */
    static final class ServerBusyException extends JitiException {
        private static final long serialVersionUID = 1L;

        ServerBusyException(String message) {
            super(message);
        }
    }
}

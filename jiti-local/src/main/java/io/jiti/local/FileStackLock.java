package io.jiti.local;

import io.jiti.api.JitiException;
import io.jiti.spi.StackLock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The per-stack lock of a home: an OS file lock (released by the kernel if the holder dies, even by
 * SIGKILL) plus an in-process lock, since one JVM cannot hold the same file lock twice.
 */
final class FileStackLock implements StackLock {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;
    private final Path holder;

    private FileStackLock(ReentrantLock local, FileChannel channel, FileLock lock, Path holder) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    static FileStackLock acquire(Path dir, String stack, Consumer<String> onWait) {
        Path file = dir.resolve(stack + ".lock").toAbsolutePath();
        Path holder = dir.resolve(stack + ".holder");
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, k -> new ReentrantLock());
        boolean waited = false;
        if (!local.tryLock()) {
            onWait.accept("another apply in this process");
            waited = true;
            local.lock();
        }
        try {
            PrivateFiles.directories(dir);
            FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PrivateFiles.FILE);
            FileLock l = ch.tryLock();
            if (l == null) {
                if (!waited) {
                    onWait.accept(describe(holder));
                }
                l = ch.lock();
            }
            // renamed into place whole: a waiter never reads it half written
            DurableFiles.writeAtomically(holder, "pid " + ProcessHandle.current().pid() + " since " + java.time.Instant.now());
            return new FileStackLock(local, ch, l, holder);
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw new JitiException("cannot lock stack " + stack + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Path holder) {
        try {
            String who = Files.readString(holder, StandardCharsets.UTF_8).trim();
            return who.isEmpty() ? "another jiti" : "jiti " + who;
        } catch (IOException e) {
            return "another jiti";
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(holder);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new JitiException("cannot release the stack lock: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }
}

package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A file rendered under the stack's data directory. A file changed or removed behind jiti's back shows as
 * failed, so the next apply rewrites it; that is also how a file that had not reached the disk before a
 * crash is written again (its content is in the durable record, so the file is replaced atomically without
 * waiting for the disk).
 */
final class FileRuntime implements ParticleRuntime {
    private final Home home;
    private final RecordStore store;
    private volatile ParticleRecord rec;

    FileRuntime(Home home, RecordStore store, ParticleRecord rec) {
        this.home = home;
        this.store = store;
        this.rec = rec;
    }

    @Override
    public synchronized void apply(ParticleRecord desired) {
        Path old = rec.specHash() == null ? null : path(rec);
        try {
            // the record (written durably next) holds the content: the file need not wait for the disk
            DurableFiles.replace(path(desired), desired.text("content", ""));
            if (old != null && !old.equals(path(desired))) {
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            throw new JitiException("cannot write " + path(desired) + ": " + e.getMessage(), e);
        }
        rec = store.save(desired);
    }

    @Override
    public void setRunning(boolean running) {
        throw new JitiException("a file cannot be started or stopped");
    }

    @Override
    public synchronized void delete() {
        try {
            Files.deleteIfExists(path(rec));
        } catch (IOException e) {
            throw new JitiException("cannot delete " + path(rec) + ": " + e.getMessage(), e);
        }
        store.delete(rec.stack(), rec.name());
    }

    @Override
    public Live observe() {
        ParticleRecord r = rec;
        Path path = path(r);
        String problem = "";
        try {
            if (!Files.isRegularFile(path)) {
                problem = "file was removed outside jiti";
            } else if (!Files.readString(path, StandardCharsets.UTF_8).equals(r.text("content", ""))) {
                problem = "file was changed outside jiti";
            }
        } catch (IOException e) {
            problem = "file cannot be read: " + e.getMessage();
        }
        return new Live(r.stack(), r.name(), r.type(), r.specHash(), r.spec(), true,
                problem.isEmpty() ? Live.Status.READY : Live.Status.FAILED, problem,
                Map.of("path", path.toString()), r.protect(), r.dependsOn(), List.of());
    }

    @Override
    public void tick() {
        // nothing to supervise
    }

    @Override
    public ParticleRecord record() {
        return rec;
    }

    private Path path(ParticleRecord r) {
        return home.files(r.stack()).resolve(r.text("filename", r.name()));
    }
}

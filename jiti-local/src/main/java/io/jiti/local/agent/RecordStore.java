package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The agent's records: one JSON file per particle, written atomically and durably. */
final class RecordStore {
    private final Path dir;

    RecordStore(Path dir) {
        this.dir = dir;
    }

    /**
     * Saves {@code r} durably and returns it, for {@code rec = store.save(next)}: the runtime's record moves
     * on only once the disk has it (a full disk leaves both at the old record and the caller with the error).
     */
    ParticleRecord save(ParticleRecord r) {
        try {
            DurableFiles.writeAtomically(file(r.stack(), r.name()),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r));
            return r;
        } catch (IOException e) {
            throw new JitiException("cannot save the record of " + r.stack() + "/" + r.name() + ": " + e.getMessage(), e);
        }
    }

    void delete(String stack, String name) {
        try {
            Files.deleteIfExists(file(stack, name));
        } catch (IOException e) {
            throw new JitiException("cannot delete the record of " + stack + "/" + name, e);
        }
    }

    /** Every record; unreadable ones are reported and skipped, never deleted. */
    List<ParticleRecord> loadAll(java.util.function.Consumer<String> warn) {
        List<ParticleRecord> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    out.add(Json.MAPPER.readValue(f.toFile(), ParticleRecord.class));
                } catch (IOException e) {
                    warn.accept("skipping unreadable record " + f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new JitiException("cannot read records in " + dir, e);
        }
        return out;
    }

    private Path file(String stack, String name) {
        return dir.resolve(stack).resolve(name + ".json");
    }
}

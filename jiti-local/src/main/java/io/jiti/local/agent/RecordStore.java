package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The agent's records: one JSON line per particle in a {@link RecordJournal} ({@code records/records.journal}),
 * each change on disk before the caller goes on. Records kept by earlier versions as one file per particle
 * ({@code records/STACK/NAME.json}) are moved into the journal when it is first opened.
 */
final class RecordStore implements AutoCloseable {
    /** The journal's file name in the records directory. */
    static final String JOURNAL = "records.journal";
    private final Path dir;
    private RecordJournal journal;

    RecordStore(Path dir) {
        this.dir = dir;
    }

    /**
     * Saves {@code r} durably and returns it, for {@code rec = store.save(next)}: the runtime's record moves
     * on only once the disk has it (a full disk leaves both at the old record and the caller with the error).
     */
    ParticleRecord save(ParticleRecord r) {
        try {
            journal(m -> { }).put(key(r.stack(), r.name()), Json.MAPPER.writeValueAsString(r));
            return r;
        } catch (IOException e) {
            throw new JitiException("cannot save the record of " + r.stack() + "/" + r.name() + ": " + e.getMessage(), e);
        }
    }

    void delete(String stack, String name) {
        try {
            journal(m -> { }).remove(key(stack, name));
        } catch (IOException e) {
            throw new JitiException("cannot delete the record of " + stack + "/" + name + ": " + e.getMessage(), e);
        }
    }

    /** Every record; unreadable ones are reported and skipped, never deleted. */
    List<ParticleRecord> loadAll(Consumer<String> warn) {
        List<ParticleRecord> out = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : journal(warn).entries().entrySet()) {
                try {
                    out.add(Json.MAPPER.readValue(e.getValue(), ParticleRecord.class));
                } catch (IOException ex) {
                    warn.accept("skipping unreadable record " + e.getKey() + ": " + ex.getMessage());
                }
            }
        } catch (IOException e) {
            throw new JitiException("cannot read the records in " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private synchronized RecordJournal journal(Consumer<String> warn) throws IOException {
        if (journal == null) {
            journal = RecordJournal.open(dir.resolve(JOURNAL), warn);
            migrate(warn);
        }
        return journal;
    }

    /** Moves records kept one file per particle into the journal; an unreadable one stays where it is. */
    private void migrate(Consumer<String> warn) throws IOException {
        List<Path> files;
        try (Stream<Path> found = Files.walk(dir, 2)) {
            files = found.filter(p -> p.getNameCount() == dir.getNameCount() + 2
                    && p.getFileName().toString().endsWith(".json")).toList();
        }
        Map<String, String> kept = journal.entries();
        for (Path f : files) {
            ParticleRecord r;
            try {
                r = Json.MAPPER.readValue(f.toFile(), ParticleRecord.class);
            } catch (IOException e) {
                warn.accept("skipping unreadable record " + f + ": " + e.getMessage());
                continue;
            }
            if (!kept.containsKey(key(r.stack(), r.name()))) { // the journal is newer than any file left behind
                journal.put(key(r.stack(), r.name()), Json.MAPPER.writeValueAsString(r));
            }
            Files.delete(f);
        }
        try (Stream<Path> stacks = Files.list(dir)) { // the old layout's stack directories, once empty
            for (Path d : stacks.filter(Files::isDirectory).toList()) {
                try (Stream<Path> rest = Files.list(d)) {
                    if (rest.findAny().isEmpty()) {
                        Files.delete(d);
                    }
                }
            }
        }
    }

    private static String key(String stack, String name) {
        return stack + "/" + name;
    }

    @Override
    public synchronized void close() {
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }
}

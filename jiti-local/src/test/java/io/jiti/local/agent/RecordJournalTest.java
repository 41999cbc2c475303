package io.jiti.local.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.local.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records' journal: durable changes, crash tails, damage, concurrency, compaction, a full disk, migration. */
class RecordJournalTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("records.journal");
    }

    @Test
    void changesSurviveAReopenInTheOrderKeysWereFirstPut() throws Exception {
        try (RecordJournal j = RecordJournal.open(file(), m -> { })) {
            j.put("s/b", "{\"v\":1}");
            j.put("s/a", "{\"v\":2}");
            j.put("s/b", "{\"v\":3}");
            j.put("s/c", "{\"v\":4}");
            j.remove("s/c");
            j.remove("s/none");
        }
        try (RecordJournal j = RecordJournal.open(file(), m -> { })) {
            assertThat(j.entries()).containsExactly(Map.entry("s/b", "{\"v\":3}"), Map.entry("s/a", "{\"v\":2}"));
        }
    }

    @Test
    void aLastLineCutShortByACrashIsDroppedAndTheJournalGoesOn() throws Exception {
        try (RecordJournal j = RecordJournal.open(file(), m -> { })) {
            j.put("s/a", "{\"v\":1}");
        }
        long whole = Files.size(file());
        Files.writeString(file(), "1234abcd P s/b {\"v\":", StandardOpenOption.APPEND); // a write cut by a crash
        List<String> warnings = new ArrayList<>();
        try (RecordJournal j = RecordJournal.open(file(), warnings::add)) {
            assertThat(j.entries()).containsOnlyKeys("s/a");
            assertThat(Files.size(file())).isEqualTo(whole);
            j.put("s/b", "{\"v\":2}");
        }
        assertThat(warnings).singleElement().asString().contains("cut short by a crash");
        try (RecordJournal j = RecordJournal.open(file(), m -> { })) {
            assertThat(j.entries()).containsOnlyKeys("s/a", "s/b");
        }
    }

    @Test
    void aDamagedLineIsReportedAndSkippedTheOthersKept() throws Exception {
        try (RecordJournal j = RecordJournal.open(file(), m -> { })) {
            j.put("s/a", "{\"v\":1}");
            j.put("s/b", "{\"v\":2}");
            j.put("s/c", "{\"v\":3}");
        }
        String text = Files.readString(file());
        Files.writeString(file(), text.replace("{\"v\":2}", "{\"v\":9}")); // a flipped byte on line 2
        List<String> warnings = new ArrayList<>();
        try (RecordJournal j = RecordJournal.open(file(), warnings::add)) {
            assertThat(j.entries()).containsOnlyKeys("s/a", "s/c");
        }
        assertThat(warnings).singleElement().asString().contains("records.journal:2").contains("checksum");
    }

    @Test
    void eightWritersAtOnceLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (RecordJournal j = RecordJournal.open(file(), m -> { })) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int writer = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 125; i++) {
                        j.put("s/f" + writer + "-" + i, "{\"i\":" + i + "}");
                        if (i % 5 == 0) {
                            j.remove("s/f" + writer + "-" + i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (RecordJournal j = RecordJournal.open(file(), m -> { })) {
            assertThat(j.entries()).hasSize(8 * 100);
            assertThat(j.entries()).containsEntry("s/f7-124", "{\"i\":124}").doesNotContainKey("s/f7-120");
        }
    }

    @Test
    void aJournalFourTimesLargerThanWhatItHoldsIsRewritten() throws Exception {
        String big = "{\"v\":\"" + "x".repeat(10_000) + "\"}";
        try (RecordJournal j = RecordJournal.open(file(), m -> { })) {
            for (int i = 0; i < 400; i++) { // 4 MB of changes to two keys
                j.put("s/a", big.replace("x\"", i + "\""));
                j.put("s/b", "{\"v\":" + i + "}");
            }
            assertThat(Files.size(file())).isLessThan(1 << 20);
        }
        try (RecordJournal j = RecordJournal.open(file(), m -> { })) {
            assertThat(j.entries().get("s/a")).endsWith("399\"}");
            assertThat(j.entries()).containsEntry("s/b", "{\"v\":399}");
        }
    }

    @Test
    void aFullDiskFailsTheChangeAndKeepsItOutOfMemory() throws Exception {
        Files.createSymbolicLink(file(), Path.of("/dev/full")); // every write: "No space left on device"
        try (RecordJournal j = RecordJournal.open(file(), m -> { })) {
            assertThatThrownBy(() -> j.put("s/a", "{}")).isInstanceOf(IOException.class)
                    .hasMessageContaining("No space left");
            assertThat(j.entries()).isEmpty();
        }
    }

    @Test
    void recordsKeptOneFilePerParticleMoveIntoTheJournal() throws Exception {
        ParticleRecord old = new ParticleRecord("s", "f", "file", Map.of("content", "one"), "h1", true, false, List.of(),
                "/", 0, List.of(), null, null);
        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/f.json"), Json.MAPPER.writeValueAsString(old));
        Files.writeString(dir.resolve("s/broken.json"), "{not json", StandardCharsets.UTF_8);
        List<String> warnings = new ArrayList<>();
        try (RecordStore store = new RecordStore(dir)) {
            assertThat(store.loadAll(warnings::add)).containsExactly(old);
        }
        assertThat(dir.resolve("s/f.json")).doesNotExist();
        assertThat(dir.resolve("s/broken.json")).exists(); // unreadable: kept where it is, and said so
        assertThat(warnings).singleElement().asString().contains("broken.json");
        try (RecordStore store = new RecordStore(dir)) {
            assertThat(store.loadAll(m -> { })).containsExactly(old);
        }
    }
}

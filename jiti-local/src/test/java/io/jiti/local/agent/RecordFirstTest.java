package io.jiti.local.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.api.JitiException;
import io.jiti.local.Home;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record that cannot be written leaves the runtime at the record it had: memory never runs ahead of disk. */
class RecordFirstTest {
    @TempDir
    Path dir;

    private static ParticleRecord file(String content, String hash) {
        return new ParticleRecord("s", "f", "file", Map.of("content", content), hash, true, false, List.of(),
                "/", 0, List.of(), null, null);
    }

    @Test
    void aFailedSaveKeepsTheOldRecordAndSaysWhy() throws Exception {
        Home home = new Home(dir);
        try (RecordStore store = new RecordStore(home.records())) {
            new FileRuntime(home, store, file("one", "h1")).apply(file("one", "h1"));
        }
        // the records' journal on a full disk: every write fails with ENOSPC
        Path journal = home.records().resolve(RecordStore.JOURNAL);
        Files.delete(journal);
        Files.createSymbolicLink(journal, Path.of("/dev/full"));
        RecordStore store = new RecordStore(home.records());
        FileRuntime runtime = new FileRuntime(home, store, file("one", "h1"));
        assertThatThrownBy(() -> runtime.apply(file("two", "h2"))).isInstanceOf(JitiException.class)
                .hasMessageContaining("cannot save the record of s/f").hasMessageContaining("No space left");
        assertThat(runtime.record().specHash()).isEqualTo("h1");
        assertThat(runtime.observe().specHash()).isEqualTo("h1");
        store.close();
    }
}

package io.jiti.local.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.local.DurableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A training run's scratch directory: its own, and the ones of processes that were killed are removed. */
class ScratchDirTest {
    @Test
    void aDeadProcessesScratchIsRemovedALiveOnesKept() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path dead = Files.createDirectories(tmp.resolve("jiti-scratchtest-999999999-left"));
        Files.writeString(dead.resolve("agent.json"), "{}");
        Path live = Files.createDirectories(tmp.resolve("jiti-scratchtest-" + ProcessHandle.current().pid() + "-busy"));
        Path mine = null;
        try {
            mine = ScratchDir.fresh("scratchtest");
            assertThat(dead).doesNotExist();
            assertThat(live).isDirectory();
            assertThat(mine).isDirectory().isEmptyDirectory();
            assertThat(mine.getFileName().toString()).startsWith("jiti-scratchtest-" + ProcessHandle.current().pid() + "-");
        } finally {
            DurableFiles.deleteTree(dead);
            DurableFiles.deleteTree(live);
            if (mine != null) {
                DurableFiles.deleteTree(mine);
            }
        }
    }
}

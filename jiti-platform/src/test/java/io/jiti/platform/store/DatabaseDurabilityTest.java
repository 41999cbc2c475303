package io.jiti.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit of the embedded database survives the process dying right after it (as a SIGKILLed server does). */
class DatabaseDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void whatWasCommittedSurvivesAKilledProcess() throws Exception {
        assertThat(writeAndDie(5)).contains("committed");
        assertThat(writeAndDie(0)).contains("committed");
        try (Database db = Database.embedded(dir)) {
            assertThat(db.store().teams()).hasSize(5);
        }
    }

    private String writeAndDie(int teams) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledWriter.class.getName(), dir.toString(), Integer.toString(teams))
                .redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isEqualTo(137);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }
}

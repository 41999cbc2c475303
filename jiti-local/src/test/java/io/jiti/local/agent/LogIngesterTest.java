package io.jiti.local.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogIngesterTest {
    @TempDir
    Path dir;

    private void write(LogIngester logs, String id, String text) throws IOException {
        Path raw = logs.rawFile(id);
        Files.createDirectories(raw.getParent());
        Files.writeString(raw, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void stampsCompleteLinesAndEmptiesTheRawFile() throws IOException {
        LogIngester logs = new LogIngester(dir);
        write(logs, "web-1", "hello\n\nworld\n");
        logs.ingestAll();
        List<String> lines = Files.readAllLines(dir.resolve("web-1.log"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z hello");
        assertThat(lines.get(1)).matches("\\S+Z ");
        assertThat(lines.get(2)).endsWith(" world");
        assertThat(Files.size(logs.rawFile("web-1"))).isZero();
    }

    @Test
    void holdsBackAPartialLineUntilItEnds() throws IOException {
        LogIngester logs = new LogIngester(dir);
        write(logs, "a", "one\ntw");
        logs.ingestAll();
        assertThat(Files.readAllLines(dir.resolve("a.log"))).hasSize(1);
        assertThat(Files.readString(logs.rawFile("a"))).isEqualTo("tw");
        write(logs, "a", "o\n");
        logs.ingestAll();
        assertThat(Files.readAllLines(dir.resolve("a.log"))).hasSize(2).last().asString().endsWith(" two");
    }

    @Test
    void finishCollectsEverythingAndRemovesTheRawFile() throws IOException {
        LogIngester logs = new LogIngester(dir);
        write(logs, "b", "last words without newline");
        logs.finish("b");
        assertThat(Files.readString(dir.resolve("b.log"))).endsWith(" last words without newline\n");
        assertThat(logs.rawFile("b")).doesNotExist();
    }

    @Test
    void rotatesSoAChattyInstanceCannotFillTheDisk() throws IOException {
        LogIngester logs = new LogIngester(dir, 1000);
        for (int i = 0; i < 50; i++) {
            write(logs, "c", "x".repeat(100) + "\n");
            logs.ingestAll();
        }
        assertThat(dir.resolve("c.log.1")).exists();
        assertThat(dir.resolve("c.log.2")).exists();
        assertThat(dir.resolve("c.log.3")).doesNotExist();
        assertThat(Files.size(dir.resolve("c.log"))).isLessThanOrEqualTo(1000);
    }
}

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
    void stampsCompleteLinesAndCollectsEachOnce() throws IOException {
        LogIngester logs = new LogIngester(dir);
        write(logs, "web-1", "hello\n\nworld\n");
        logs.ingestAll();
        logs.ingestAll();
        List<String> lines = Files.readAllLines(dir.resolve("web-1.log"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z hello");
        assertThat(lines.get(1)).matches("\\S+Z ");
        assertThat(lines.get(2)).endsWith(" world");
        // the raw file is never truncated under its writer; the offset says what was collected
        assertThat(Files.readString(logs.rawFile("web-1").resolveSibling("web-1.out.offset"))).isEqualTo("13");
        // and a new agent goes on from there
        new LogIngester(dir).ingestAll();
        assertThat(Files.readAllLines(dir.resolve("web-1.log"))).hasSize(3);
    }

    @Test
    void holdsBackAPartialLineUntilItEnds() throws IOException {
        LogIngester logs = new LogIngester(dir);
        write(logs, "a", "one\ntw");
        logs.ingestAll();
        assertThat(Files.readAllLines(dir.resolve("a.log"))).hasSize(1);
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

    private static List<Long> numbers(Path dir, String id) throws IOException {
        List<Long> out = new java.util.ArrayList<>();
        for (String name : List.of(id + ".log.2", id + ".log.1", id + ".log")) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                for (String line : Files.readAllLines(f)) {
                    out.add(Long.parseLong(line.substring(line.indexOf(' ') + 1)));
                }
            }
        }
        return out;
    }

    @Test
    void aBurstIsCollectedInBoundedStepsAndItsStartReclaimedWhileTheWriterGoesOn() throws Exception {
        LogIngester logs = new LogIngester(dir, 1L << 40);
        Path raw = logs.rawFile("burst");
        Files.createDirectories(raw.getParent());
        long lines = 3_000_000; // ~24 MB of numbered lines, written while the ingester collects
        Thread writer = new Thread(() -> {
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(raw,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), 8192)) {
                for (long n = 0; n < lines; n++) {
                    out.write((n + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        int calls = 0;
        while (writer.isAlive() || logs.ingestAll()) {
            logs.ingestAll();
            calls++;
        }
        writer.join();
        long written = 0;
        for (long n = 0; n < lines; n++) {
            written += Long.toString(n).length() + 1;
        }
        // what was collected was cut out of the raw file (fallocate --collapse-range) without losing a byte
        assertThat(Files.size(raw)).isLessThan(written);
        logs.finish("burst");
        while (!logs.drained("burst")) {
            logs.ingestAll();
        }
        List<Long> got = numbers(dir, "burst");
        assertThat(got).hasSize((int) lines);
        for (int i = 0; i < got.size(); i++) {
            if (got.get(i) != i) {
                throw new AssertionError("line " + i + " is " + got.get(i) + " (lost, split or repeated)");
            }
        }
        assertThat(calls).isGreaterThan(1); // never all at once
    }
}

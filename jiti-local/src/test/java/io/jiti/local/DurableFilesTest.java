package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {
    @TempDir
    Path dir;

    @Test
    void writersOfOneTargetNeverShareATemporaryFile() throws Exception {
        Path target = dir.resolve("shared.txt");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String text = ("writer " + w + "\n").repeat(100);
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        DurableFiles.writeAtomically(target, text);
                    }
                    return null;
                }));
            }
            for (Future<?> f : writes) {
                f.get(); // none failed
            }
        } finally {
            pool.shutdownNow();
        }
        String last = Files.readString(target);
        assertThat(last).matches("(writer \\d\n){100}");
        assertThat(last.lines().distinct()).hasSize(1); // one writer's whole content, never a mix
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(target); // no temporary file left behind
        }
    }
}

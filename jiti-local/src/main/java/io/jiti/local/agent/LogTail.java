package io.jiti.local.agent;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Reads the log files of a particle, one per instance, as lines prefixed with the instance id; can follow. */
final class LogTail {
    /** Where lines go; throws when the reader went away. */
    interface Sink {
        void line(String text) throws IOException;
    }

    private final Path dir;
    private final Map<Path, Long> offsets = new HashMap<>();
    private final Map<Path, StringBuilder> partial = new HashMap<>();

    LogTail(Path dir) {
        this.dir = dir;
    }

    /** Sends what is there; with {@code follow}, keeps sending until {@code alive} turns false. */
    void run(boolean follow, BooleanSupplier alive, Sink sink) throws IOException {
        boolean more = true;
        while (more) {
            boolean read = readNew(sink);
            more = follow && alive.getAsBoolean();
            if (more && !read) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean readNew(Sink sink) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        boolean any = false;
        for (Path f : files) {
            long from = offsets.getOrDefault(f, 0L);
            long size = Files.size(f);
            if (size <= from) {
                continue;
            }
            byte[] bytes = new byte[(int) Math.min(size - from, 1 << 20)];
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
                raf.seek(from);
                raf.readFully(bytes);
            }
            offsets.put(f, from + bytes.length);
            String id = f.getFileName().toString().replaceFirst("\\.log$", "");
            StringBuilder buf = partial.computeIfAbsent(f, k -> new StringBuilder());
            buf.append(new String(bytes, StandardCharsets.UTF_8));
            int nl;
            while ((nl = buf.indexOf("\n")) >= 0) {
                sink.line("[" + id + "] " + buf.substring(0, nl));
                buf.delete(0, nl + 1);
            }
            any = true;
        }
        return any;
    }
}

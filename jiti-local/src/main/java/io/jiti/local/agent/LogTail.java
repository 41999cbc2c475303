package io.jiti.local.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Reads the log files of a particle, one per instance, as lines prefixed with the instance id; can follow.
 * Files are followed by identity (inode), not name: when {@code ID.log} is rotated to {@code ID.log.1}, what
 * was not read yet is still read from it, then the new {@code ID.log} from its start. Older rotated files
 * come first.
 */
final class LogTail {
    /** Where lines go; throws when the reader went away. */
    interface Sink {
        void line(String text) throws IOException;
    }

    private static final java.util.regex.Pattern LOG = java.util.regex.Pattern.compile("(.+)\\.log(?:\\.(\\d+))?");
    private final Path dir;
    private final java.util.function.Predicate<String> include;
    private final Map<Object, Long> offsets = new HashMap<>();
    private final Map<Object, StringBuilder> partial = new HashMap<>();

    LogTail(Path dir) {
        this(dir, id -> true);
    }

    /** The logs in {@code dir} of the ids (instances, {@code build}) that {@code include} takes. */
    LogTail(Path dir, java.util.function.Predicate<String> include) {
        this.dir = dir;
        this.include = include;
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

    /** The log files, per instance oldest first ({@code .log.2}, {@code .log.1}, {@code .log}). */
    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> LOG.matcher(p.getFileName().toString()).matches() && include.test(id(p)))
                    .sorted(java.util.Comparator.comparing((Path p) -> id(p)).thenComparing(p -> -generation(p)))
                    .toList();
        }
    }

    private static String id(Path p) {
        java.util.regex.Matcher m = LOG.matcher(p.getFileName().toString());
        return m.matches() ? m.group(1) : p.getFileName().toString();
    }

    private static int generation(Path p) {
        java.util.regex.Matcher m = LOG.matcher(p.getFileName().toString());
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }

    private boolean readNew(Sink sink) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        boolean any = false;
        for (Path f : files()) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
                Object key = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                long from = offsets.getOrDefault(key, 0L);
                long size = ch.size();
                if (size <= from) {
                    continue;
                }
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((int) Math.min(size - from, 1 << 20));
                while (bytes.hasRemaining() && ch.read(bytes, from + bytes.position()) > 0) {
                    // filled as far as the file goes
                }
                offsets.put(key, from + bytes.position());
                StringBuilder buf = partial.computeIfAbsent(key, k -> new StringBuilder());
                buf.append(new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8));
                int nl;
                while ((nl = buf.indexOf("\n")) >= 0) {
                    sink.line("[" + id(f) + "] " + buf.substring(0, nl));
                    buf.delete(0, nl + 1);
                }
                any = true;
            } catch (java.nio.file.NoSuchFileException e) {
                // rotated away between listing and reading
            }
        }
        return any;
    }
}

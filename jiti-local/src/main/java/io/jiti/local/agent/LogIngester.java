package io.jiti.local.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns what instances write into logs people read. Instances append to {@code raw/ID.out} (a file, so
 * they never depend on the agent being alive); each call moves complete lines to {@code ID.log}, each
 * prefixed with the time it was collected, truncates the raw file once it is fully collected, and rotates
 * {@code ID.log} at {@link #MAX_BYTES} (10 MiB) keeping {@link #KEEP} older files. A line without its end is held
 * back for up to a second.
 */
final class LogIngester {
    static final long MAX_BYTES = 10L * 1024 * 1024;
    static final int KEEP = 2;
    private static final int CHUNK = 1 << 20;
    private static final long PARTIAL_WAIT_MILLIS = 1000;
    private final Path logDir;
    private final long maxBytes;
    private final Map<Path, Long> partialSince = new HashMap<>();

    LogIngester(Path logDir) {
        this(logDir, MAX_BYTES);
    }

    LogIngester(Path logDir, long maxBytes) {
        this.logDir = logDir;
        this.maxBytes = maxBytes;
    }

    /** Where an instance's raw output goes. */
    Path rawFile(String instanceId) {
        return logDir.resolve("raw").resolve(instanceId + ".out");
    }

    /** Collects every raw file once. */
    synchronized void ingestAll() {
        Path raw = logDir.resolve("raw");
        if (!Files.isDirectory(raw)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(raw)) {
            files = s.filter(p -> p.toString().endsWith(".out")).toList();
        } catch (IOException e) {
            return;
        }
        for (Path f : files) {
            ingest(f);
        }
    }

    /** Collects one instance's output and removes its raw file (the instance is gone). */
    synchronized void finish(String instanceId) {
        Path f = rawFile(instanceId);
        partialSince.put(f, 0L);
        ingest(f);
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // collected already; a leftover empty file is harmless
        }
    }

    private void ingest(Path raw) {
        String id = raw.getFileName().toString().replaceFirst("\\.out$", "");
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(size, CHUNK));
            ch.read(buf, 0);
            byte[] bytes = java.util.Arrays.copyOf(buf.array(), buf.position());
            int end = lastNewline(bytes);
            long now = System.currentTimeMillis();
            if (end < 0) {
                long since = partialSince.computeIfAbsent(raw, k -> now);
                if (now - since < PARTIAL_WAIT_MILLIS && bytes.length < CHUNK) {
                    return;
                }
                end = bytes.length - 1;
            }
            partialSince.remove(raw);
            append(id, stamp(new String(bytes, 0, end + 1, StandardCharsets.UTF_8)));
            if (end + 1 == bytes.length && ch.size() == size && size == bytes.length) {
                ch.truncate(0);
            } else {
                shift(ch, end + 1);
            }
        } catch (IOException e) {
            // the instance is gone and its file with it, or the disk is full: try again next time
        }
    }

    /** Drops the first {@code n} bytes, keeping what came after them (rare: a partial line or a big burst). */
    private static void shift(FileChannel ch, long n) throws IOException {
        long size = ch.size();
        java.nio.ByteBuffer rest = java.nio.ByteBuffer.allocate((int) Math.min(size - n, Integer.MAX_VALUE - 8));
        ch.read(rest, n);
        rest.flip();
        ch.truncate(0);
        ch.write(rest, 0);
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String stamp(String text) {
        String at = Instant.now().toString();
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (String line : body.split("\n", -1)) {
            out.append(at).append(' ').append(line).append('\n');
        }
        return out.toString();
    }

    private void append(String id, String text) throws IOException {
        Path log = logDir.resolve(id + ".log");
        if (Files.exists(log) && Files.size(log) + text.length() > maxBytes) {
            rotate(log);
        }
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void rotate(Path log) throws IOException {
        for (int i = KEEP; i >= 1; i--) {
            Path from = i == 1 ? log : log.resolveSibling(log.getFileName() + "." + (i - 1));
            Path to = log.resolveSibling(log.getFileName() + "." + i);
            if (Files.exists(from)) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

}

package io.jiti.local.agent;

import io.jiti.local.ChildEnvironment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what instances write into logs people read, bounded and without losing a line. Instances append
 * to {@code raw/ID.out} (a file, so they never depend on the agent being alive); each call copies complete
 * lines from the offset reached so far, at most {@link #BUDGET} bytes per file and {@link #CHUNK} at a time
 * (a burst never makes it hold more than that in memory), into {@code ID.log}, each line prefixed with the
 * time it was collected, rotating {@code ID.log} past {@link #maxBytes} and keeping {@link #KEEP} older
 * files. The offset is kept beside the raw file ({@code ID.out.offset}), so a restarted agent goes on where
 * the last one stopped.
 *
 * <p>The raw file is never truncated under its writer (a line written between a read and a truncate would
 * be lost): once {@link #RECLAIM_AT} bytes have been collected, the collected start of the file is cut out
 * with {@code fallocate --collapse-range}, which the kernel orders with the writer's appends (no byte is
 * lost or moved under it), or, where the file system cannot collapse, freed with {@code --punch-hole}
 * (offsets stay, the file gets sparse). The offset is saved as it will be after the cut before cutting, so
 * a crash in between repeats lines rather than losing them.
 *
 * <p>A line without its end is held back for up to a second (for ever if the writer still runs and the
 * line is still shorter than {@link #CHUNK}: then it is split). Once an instance is {@link #finish finished},
 * what is left is collected over the next calls and the raw file removed.
 */
final class LogIngester {
    static final long MAX_BYTES = LogSettings.maxBytes();
    static final int KEEP = 2;
    /** Read at a time; also the longest line kept whole. */
    static final int CHUNK = 256 * 1024;
    /** Collected per file per call, so that a chatty instance cannot hold up the others. */
    static final long BUDGET = 4L * 1024 * 1024;
    /** Collected bytes at the start of a raw file that make it worth cutting them out. */
    static final long RECLAIM_AT = 8L * 1024 * 1024;
    private static final long RECLAIM_UNIT = 1024 * 1024;
    private static final long PARTIAL_WAIT_MILLIS = 1000;
    private final Path logDir;
    private final long maxBytes;
    private final Map<Path, Long> partialSince = new HashMap<>();
    private final Map<Path, Long> offsets = new HashMap<>();
    private final Map<Path, Long> punched = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private boolean canCollapse = true;
    private boolean canPunch = true;

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

    /**
     * Collects from every raw file once, within the budget.
     *
     * @return whether some raw file has more to collect right away
     */
    synchronized boolean ingestAll() {
        Path raw = logDir.resolve("raw");
        if (!Files.isDirectory(raw)) {
            return false;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(raw)) {
            files = s.filter(p -> p.toString().endsWith(".out")).toList();
        } catch (IOException e) {
            return false;
        }
        boolean more = false;
        for (Path f : files) {
            more |= ingest(f);
        }
        return more;
    }

    /** The instance is gone: what it left is collected over the next calls, then its raw file removed. */
    synchronized void finish(String instanceId) {
        finished.add(instanceId);
        ingest(rawFile(instanceId));
    }

    /** A new writer continues the raw file of {@code instanceId} (a job run again): it is not finished. */
    synchronized void reopen(String instanceId) {
        finished.remove(instanceId);
    }

    /** Whether everything an instance wrote has been collected (its raw file is gone). */
    synchronized boolean drained(String instanceId) {
        return !Files.exists(rawFile(instanceId));
    }

    private boolean ingest(Path raw) {
        String id = raw.getFileName().toString().replaceFirst("\\.out$", "");
        boolean ended = finished.contains(id);
        long offset = offset(raw);
        long size;
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ)) {
            size = ch.size();
            if (size < offset) {
                offset = 0; // not the file the offset was for
            }
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long budget = BUDGET;
            while (offset < size && budget > 0) {
                buf.clear();
                int n = ch.read(buf, offset);
                if (n <= 0) {
                    break;
                }
                int end = lastNewline(buf.array(), n);
                if (end < 0) {
                    long now = System.currentTimeMillis();
                    long since = partialSince.computeIfAbsent(raw, k -> now);
                    if (n < CHUNK && !ended && now - since < PARTIAL_WAIT_MILLIS) {
                        break; // a line still being written
                    }
                    end = n - 1;
                }
                partialSince.remove(raw);
                append(id, stamp(new String(buf.array(), 0, end + 1, StandardCharsets.UTF_8)));
                offset += end + 1;
                budget -= end + 1;
            }
        } catch (NoSuchFileException e) {
            forget(raw, id);
            return false;
        } catch (IOException e) {
            return false; // the disk is full or the file went away: try again next time
        }
        saveOffset(raw, offset);
        if (ended && offset >= size) {
            remove(raw, id);
            return false;
        }
        if (offset >= RECLAIM_AT) {
            offset = reclaim(raw, offset);
        }
        return offset < size;
    }

    /** Cuts the collected start out of a raw file (or frees its blocks); returns the offset after it. */
    private long reclaim(Path raw, long offset) {
        long cut = offset / RECLAIM_UNIT * RECLAIM_UNIT;
        if (canCollapse) {
            saveOffset(raw, offset - cut);
            if (fallocate("--collapse-range", raw, 0, cut)) {
                offsets.put(raw, offset - cut);
                return offset - cut;
            }
            canCollapse = false;
            saveOffset(raw, offset);
        }
        long from = punched.getOrDefault(raw, 0L);
        if (canPunch && cut > from) {
            if (fallocate("--punch-hole", raw, from, cut - from)) {
                punched.put(raw, cut);
            } else {
                canPunch = false; // the raw file grows until its instance ends
            }
        }
        return offset;
    }

    private static boolean fallocate(String mode, Path file, long from, long length) {
        try {
            ProcessBuilder pb = new ProcessBuilder("fallocate", mode, "--offset", Long.toString(from), "--length",
                    Long.toString(length), file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            ChildEnvironment.apply(pb, ChildEnvironment.forRun(System.getenv()), Map.of());
            return pb.start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private long offset(Path raw) {
        return offsets.computeIfAbsent(raw, r -> {
            try {
                return Long.parseLong(Files.readString(sidecar(r), StandardCharsets.UTF_8).trim());
            } catch (IOException | NumberFormatException e) {
                return 0L;
            }
        });
    }

    private void saveOffset(Path raw, long offset) {
        Long before = offsets.put(raw, offset);
        if (before == null || before != offset) {
            try {
                Files.writeString(sidecar(raw), Long.toString(offset), StandardCharsets.UTF_8);
            } catch (IOException e) {
                // kept in memory; a restarted agent may repeat some lines
            }
        }
    }

    private void remove(Path raw, String id) {
        try {
            Files.deleteIfExists(raw);
            Files.deleteIfExists(sidecar(raw));
        } catch (IOException e) {
            // collected already; a leftover file is collected again as empty
        }
        forget(raw, id);
    }

    private void forget(Path raw, String id) {
        offsets.remove(raw);
        punched.remove(raw);
        partialSince.remove(raw);
        finished.remove(id);
    }

    private static Path sidecar(Path raw) {
        return raw.resolveSibling(raw.getFileName() + ".offset");
    }

    /**
     * The last line collected from {@code id} (without its time stamp and terminal escapes, at most
     * {@code max} characters), or "" when there is none yet.
     */
    String lastLine(String id, int max) {
        Path log = logDir.resolve(id + ".log");
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, 8192));
            ch.read(buf, size - buf.capacity());
            String tail = new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8);
            String[] lines = tail.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                int space = lines[i].indexOf(' ');
                String text = (space < 0 ? "" : lines[i].substring(space + 1))
                        .replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").strip();
                if (!text.isEmpty()) {
                    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int lastNewline(byte[] b, int length) {
        for (int i = length - 1; i >= 0; i--) {
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
        LogSettings.appendRotating(logDir.resolve(id + ".log"), text, maxBytes, KEEP);
    }
}

package io.jiti.local.agent;

import io.jiti.local.DurableFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * A durable map of keys to one-line values, kept as an append-only file: each change is one line
 * ({@code CRC P KEY VALUE} or {@code CRC D KEY}, the CRC-32 of the rest of the line in hex), and a change is
 * on disk when {@link #put} or {@link #remove} returns. Writers that wait at the same time share one
 * {@code fdatasync} (group commit): a thousand changes from eight threads cost a few dozen syncs instead of
 * two thousand file creations, renames and syncs.
 *
 * <p>A crash can leave a last line cut short: it is cut off at the next open, as if the change had not been
 * made (its writer never heard it succeed). A line whose CRC does not match is reported and skipped. A write
 * or a sync that fails (a full disk) is cut off again and its writer, and every writer waiting on that sync,
 * gets the error: the map in memory never holds what the disk may not. When the file grows to four times what
 * it holds (and past {@value #MIN_COMPACT} bytes), it is rewritten with only the live values (write, sync,
 * rename, sync of the directory).
 */
final class RecordJournal implements AutoCloseable {
    private static final long MIN_COMPACT = 1 << 20;
    private final Path file;
    private final Object appendLock = new Object();
    private final Object syncLock = new Object();
    /** The live lines by key, in the order they were first put; guarded by appendLock. */
    private final Map<String, byte[]> live = new LinkedHashMap<>();
    private long liveBytes;
    private FileChannel channel;
    /** Bytes written (appendLock). */
    private long size;
    /** Changes appended so far, numbered from 1 (appendLock). */
    private long appended;
    /** The last change known to be on disk, and where it ends in the file (appendLock). */
    private long durable;
    private long durableOffset;
    /** Changes that were cut off after a failed sync, as ranges (from, to] (appendLock). */
    private final java.util.List<long[]> lost = new java.util.ArrayList<>();

    private RecordJournal(Path file) {
        this.file = file;
    }

    /**
     * Opens (creating if needed) the journal at {@code file}, reading what it holds.
     *
     * @param warn told of every line that is skipped
     */
    static RecordJournal open(Path file, Consumer<String> warn) throws IOException {
        RecordJournal j = new RecordJournal(file);
        Files.createDirectories(file.getParent());
        boolean created = !Files.exists(file);
        j.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (created) {
            DurableFiles.syncDirectory(file.getParent());
        }
        j.read(warn);
        return j;
    }

    /** The live values by key, in the order their keys were first put. */
    Map<String, String> entries() {
        synchronized (appendLock) {
            Map<String, String> out = new LinkedHashMap<>();
            live.forEach((k, line) -> out.put(k, value(line)));
            return Collections.unmodifiableMap(out);
        }
    }

    /** Sets {@code key} to {@code value} (one line of text) durably. */
    void put(String key, String value) throws IOException {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a journal value is one line");
        }
        append(key, line("P " + checkKey(key) + " " + value), true);
    }

    /** Removes {@code key} durably (nothing happens when it is absent). */
    void remove(String key) throws IOException {
        synchronized (appendLock) {
            if (!live.containsKey(checkKey(key))) {
                return;
            }
        }
        append(key, line("D " + key), false);
    }

    private void append(String key, byte[] line, boolean put) throws IOException {
        long seq;
        boolean large;
        synchronized (appendLock) {
            requireOpen();
            long at = size;
            try {
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    channel.write(b, at + b.position());
                }
            } catch (IOException e) {
                truncateOrClose(at); // only this change was being written: the others stand
                throw e;
            }
            size = at + line.length;
            seq = ++appended;
            byte[] old = put ? live.put(key, line) : live.remove(key);
            liveBytes += (put ? line.length : 0) - (old == null ? 0 : old.length);
            large = large();
        }
        sync(seq);
        if (large) {
            compactIfLarge();
        }
    }

    /** Returns once change {@code seq} is on disk, syncing unless a sync since did so. */
    private void sync(long seq) throws IOException {
        synchronized (syncLock) {
            long targetSeq;
            long targetOffset;
            synchronized (appendLock) {
                if (lost.stream().anyMatch(r -> seq > r[0] && seq <= r[1])) {
                    throw new IOException(file + ": the disk failed before this change was on it; it was not kept");
                }
                if (durable >= seq) {
                    return;
                }
                requireOpen();
                targetSeq = appended;
                targetOffset = size;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                synchronized (appendLock) {
                    lost.add(new long[] {durable, appended});
                    cutBackToDurable();
                }
                throw e;
            }
            synchronized (appendLock) {
                durable = targetSeq;
                durableOffset = targetOffset;
            }
        }
    }

    /** After a failed sync: drops every change not known to be on disk, in the file and in memory. */
    private void cutBackToDurable() {
        if (truncateOrClose(durableOffset)) {
            try {
                live.clear();
                liveBytes = 0;
                readLines(readAll(durableOffset), line -> { }); // the map as the disk has it
            } catch (IOException e) {
                closeQuietly();
            }
        }
    }

    /** Cuts the file at {@code at}; if even that fails, closes it so that nothing is written after an unknown part. */
    private boolean truncateOrClose(long at) {
        try {
            channel.truncate(at);
            size = at;
            return true;
        } catch (IOException e) {
            closeQuietly();
            return false;
        }
    }

    /**
     * Rewrites the file if it is still {@link #large} once both locks are held. Writers call it only when they
     * saw the file large under the append lock: the sync lock, held through every {@code fdatasync}, is not
     * taken again on each change.
     */
    private void compactIfLarge() throws IOException {
        synchronized (syncLock) {
            synchronized (appendLock) {
                if (channel != null && large()) {
                    compact();
                }
            }
        }
    }

    /** Whether the file is past {@value #MIN_COMPACT} bytes and four times what it holds (appendLock). */
    private boolean large() {
        return size >= MIN_COMPACT && size >= 4 * liveBytes;
    }

    /** Rewrites the file with the live lines only; the caller holds both locks. */
    private void compact() throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream((int) Math.min(liveBytes, Integer.MAX_VALUE));
        live.values().forEach(all::writeBytes);
        DurableFiles.write(file, all.toByteArray());
        closeQuietly();
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        size = channel.size();
        durable = appended;
        durableOffset = size;
    }

    private void read(Consumer<String> warn) throws IOException {
        synchronized (appendLock) {
            long length = channel.size();
            byte[] bytes = readAll(length);
            int good = readLines(bytes, warn);
            if (good < bytes.length) {
                warn.accept(file + ": a last change cut short by a crash (" + (bytes.length - good)
                        + " bytes) is dropped");
                channel.truncate(good);
                channel.force(false);
            }
            size = good;
            durableOffset = good;
            if (large()) {
                compact();
            }
        }
    }

    private byte[] readAll(long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException(file + " is too large to be a journal of records (" + length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
            // reads until the length read at open; a file that shrank underneath ends the loop
        }
        return b.array().length == b.position() ? b.array() : java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** Applies every whole line of {@code bytes}; returns where the last whole line ends. */
    private int readLines(byte[] bytes, Consumer<String> warn) {
        int start = 0;
        int lineNo = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            lineNo++;
            byte[] line = java.util.Arrays.copyOfRange(bytes, start, i + 1);
            if (!apply(line)) {
                warn.accept(file + ":" + lineNo + ": skipping a damaged change (its checksum does not match)");
            }
            start = i + 1;
        }
        return start;
    }

    /** Applies one line (with its newline) to the live map; false when it is damaged. */
    private boolean apply(byte[] line) {
        String text = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        if (space != 8 || text.length() < 12) {
            return false;
        }
        String body = text.substring(9);
        if (!crc(body).equals(text.substring(0, 8))) {
            return false;
        }
        int keyEnd = body.indexOf(' ', 2);
        String key = body.substring(2, keyEnd < 0 ? body.length() : keyEnd);
        byte[] old;
        if (body.startsWith("P ") && keyEnd > 0) {
            old = live.put(key, line);
            liveBytes += line.length;
        } else if (body.startsWith("D ")) {
            old = live.remove(key);
        } else {
            return false;
        }
        liveBytes -= old == null ? 0 : old.length;
        return true;
    }

    private static String value(byte[] line) {
        String text = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
        return text.substring(text.indexOf(' ', 11) + 1);
    }

    private static byte[] line(String body) {
        return (crc(body) + " " + body + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String crc(String body) {
        CRC32 c = new CRC32();
        c.update(body.getBytes(StandardCharsets.UTF_8));
        String hex = Long.toHexString(c.getValue());
        return "0".repeat(8 - hex.length()) + hex;
    }

    private static String checkKey(String key) {
        if (key.isEmpty() || key.chars().anyMatch(ch -> ch <= ' ')) {
            throw new IllegalArgumentException("a journal key has no spaces: '" + key + "'");
        }
        return key;
    }

    private void requireOpen() throws IOException {
        if (channel == null) {
            throw new IOException(file + " is closed after a failure that could not be undone; restart the agent");
        }
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        channel = null;
    }

    @Override
    public void close() {
        synchronized (appendLock) {
            closeQuietly();
        }
    }
}

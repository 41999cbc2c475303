package io.jiti.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The bucket's files on disk: data written through the sealer into a temporary file and synced before it
 * is moved into place, JSON written to a sibling and renamed over the old one, so that a crash leaves
 * either the old or the new state and never a half-written file.
 */
final class DataFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path tmp;
    private final Sealer sealer;
    private final String bucket;

    DataFiles(Path tmp, Sealer sealer, String bucket) {
        this.tmp = tmp;
        this.sealer = sealer;
        this.bucket = bucket;
    }

    /**
     * Copies {@code plaintext} to its end into a new temporary file, sealed for {@code owner} (an object key
     * or an upload's part) when {@code encrypt}.
     */
    Staged stage(InputStream plaintext, String owner, boolean encrypt) throws IOException {
        String name = UUID.randomUUID() + ".data";
        Path file = tmp.resolve(name);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream raw = Channels.newOutputStream(new Unclosed(channel));
            try (OutputStream out = encrypt ? sealer.seal(raw, binding(owner, name)) : raw) {
                plaintext.transferTo(out);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Staged(file, name, encrypt);
    }

    /** Reads the plaintext of a data file of {@code owner}. */
    SeekableByteChannel open(Path file, String owner, boolean encrypted) throws IOException {
        return encrypted ? sealer.open(file, binding(owner, file.getFileName().toString()))
                : FileChannel.open(file, StandardOpenOption.READ);
    }

    private String binding(String owner, String dataFile) {
        return bucket + "\n" + owner + "\n" + dataFile;
    }

    /** Moves a staged file into {@code dir} under its data file name, durably. */
    static void place(Staged staged, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.move(staged.file(), dir.resolve(staged.dataFile()), StandardCopyOption.ATOMIC_MOVE);
        syncDir(dir);
    }

    /** Writes {@code value} as JSON to {@code file}, replacing it atomically. */
    static void writeJson(Path file, Object value) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(value)));
            channel.force(true);
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir(file.getParent());
    }

    static void syncDir(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** A channel whose close is left to its owner (the sealer closes what it writes to). */
    private record Unclosed(FileChannel channel) implements java.nio.channels.WritableByteChannel {
        @Override
        public int write(java.nio.ByteBuffer src) throws IOException {
            return channel.write(src);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the try-with-resources of stage() closes the file after syncing it
        }
    }
}

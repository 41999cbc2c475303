package io.jiti.bench;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The disk's bound for {@code bench/local}: {@code N} durable writes one after the other in a directory
 * (write a temporary file, sync it, rename it over the target, sync the directory), as the agent writes a
 * file particle. Usage: {@code DurableWriteBound DIR N}; prints {@code durable-writes: MILLIS ms}.
 */
public final class DurableWriteBound {
    private DurableWriteBound() {
    }

    /** The entry point. */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Path target = dir.resolve("f" + i);
            Path tmp = dir.resolve(".f" + i + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(("content " + i).getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
        System.out.println("durable-writes: " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}

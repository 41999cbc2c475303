package io.jiti.local.agent;

import io.jiti.local.DurableFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A scratch home for a training run: {@code jiti-KIND-PID-RANDOM} in the temporary directory (short, so that
 * its Unix sockets' paths fit; made with a random part and private, as {@link Files#createTempDirectory}
 * does). A process killed while it trained leaves its directory behind; the next one removes every such
 * directory of this user whose process is gone, so nothing accumulates (8 KB per killed standby before).
 */
final class ScratchDir {
    private ScratchDir() {
    }

    /** A new scratch directory of {@code kind} for this process; dead processes' ones are removed first. */
    static Path fresh(String kind) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String me = System.getProperty("user.name");
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "jiti-" + kind + "-*")) {
            for (Path d : dirs) {
                if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && !alive(d.getFileName().toString())
                        && Files.getOwner(d, LinkOption.NOFOLLOW_LINKS).getName().equals(me)) {
                    DurableFiles.deleteTree(d);
                }
            }
        } catch (IOException e) {
            // leftovers stay until the next run: the scratch directory itself is what matters
        }
        Path dir = Files.createTempDirectory("jiti-" + kind + "-" + ProcessHandle.current().pid() + "-");
        // a stop (TERM) during the training ends the JVM without its finally blocks: remove it at exit too
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                DurableFiles.deleteTree(dir);
            } catch (IOException | RuntimeException e) {
                // what is left is removed by the next training run of this user
            }
        }, "scratch-cleanup"));
        return dir;
    }

    /** Whether the process a scratch directory is named after ({@code jiti-KIND-PID-RANDOM}) still runs. */
    private static boolean alive(String name) {
        String[] parts = name.split("-");
        try {
            long pid = Long.parseLong(parts[parts.length - 2]);
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return true; // not ours to judge: kept
        }
    }
}

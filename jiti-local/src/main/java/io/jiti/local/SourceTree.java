package io.jiti.local;

import io.jiti.api.JitiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;

/**
 * The digest of a source tree, what a build depends on: every file's path and bytes (SHA-256), without
 * what builds and tools write into it ({@link #SKIPPED}). The same sources give the same digest on any
 * machine, whatever the files' times.
 */
final class SourceTree {
    /** Directories that hold build output, dependencies or tool state rather than sources. */
    static final Set<String> SKIPPED = Set.of(".git", "target", "build", "node_modules", ".venv", "venv",
            "__pycache__", ".gradle", "dist", ".idea", ".vscode", ".mvn-repository");

    private SourceTree() {
    }

    /** {@code sha256:} and the first 32 hex digits of the tree's digest. */
    static String digest(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new JitiException("build: " + dir + " is not a directory");
        }
        TreeMap<String, Path> files = new TreeMap<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && SKIPPED.contains(d.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.put(dir.relativize(f).toString(), f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (var e : files.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                try (InputStream in = Files.newInputStream(e.getValue())) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        sha.update(buf, 0, n);
                    }
                }
                sha.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (IOException e) {
            throw new JitiException("cannot read the build directory " + dir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

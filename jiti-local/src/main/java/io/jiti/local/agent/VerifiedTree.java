package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Hashes;
import io.jiti.local.Home;
import io.jiti.local.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A directory of programs unpacked from jiti's own jar ({@code JITI_HOME/bin/…}), checked before anything
 * in it runs: when it is unpacked, the SHA-256 of every file (and the target of every link) goes into its
 * {@code .jiti-manifest}; before a program of it runs, the path to it must be private to this user and
 * every file must still hash as recorded, with nothing added. Checked once per agent process.
 */
final class VerifiedTree {
    private static final String MANIFEST = ".jiti-manifest";
    private static final Set<Path> VERIFIED = ConcurrentHashMap.newKeySet();

    private VerifiedTree() {
    }

    /** Records what {@code dir} holds now (called on the freshly unpacked directory). */
    static void seal(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        digest(dir).forEach((path, hash) -> out.append(hash).append("  ").append(path).append('\n'));
        DurableFiles.writeAtomically(dir.resolve(MANIFEST), out.toString());
    }

    /**
     * Checks {@code dir} against its manifest.
     *
     * @throws JitiException naming the first file that differs, and how to recover
     */
    static void verify(Home home, Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        if (VERIFIED.contains(key)) {
            return;
        }
        PrivateFiles.requireTrustedPath(home.root(), key);
        try {
            Map<String, String> recorded = new TreeMap<>();
            for (String line : Files.readAllLines(key.resolve(MANIFEST), StandardCharsets.UTF_8)) {
                int sep = line.indexOf("  ");
                if (sep > 0) {
                    recorded.put(line.substring(sep + 2), line.substring(0, sep));
                }
            }
            Map<String, String> now = digest(key);
            for (Map.Entry<String, String> e : now.entrySet()) {
                if (!e.getValue().equals(recorded.get(e.getKey()))) {
                    throw changed(key, e.getKey(), recorded.containsKey(e.getKey()) ? "was changed" : "was added");
                }
            }
            for (String f : recorded.keySet()) {
                if (!now.containsKey(f)) {
                    throw changed(key, f, "is missing");
                }
            }
        } catch (IOException e) {
            throw new JitiException("cannot verify " + key + " (" + e.getMessage() + "); delete it and jiti unpacks it "
                    + "again", e);
        }
        VERIFIED.add(key);
    }

    private static JitiException changed(Path dir, String file, String how) {
        return new JitiException(dir.resolve(file) + " " + how + " since jiti unpacked it; refusing to run it. Delete "
                + dir + " and jiti unpacks it again from its own jar");
    }

    private static Map<String, String> digest(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String rel = dir.relativize(p).toString();
                if (rel.equals(MANIFEST) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                out.put(rel, Files.isSymbolicLink(p) ? "link:" + Files.readSymbolicLink(p) : Hashes.sha256(p));
            }
        }
        return out;
    }
}

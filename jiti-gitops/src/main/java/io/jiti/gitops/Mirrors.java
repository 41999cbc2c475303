package io.jiti.gitops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A bare mirror of each source under one directory ({@code DIR/<sha-256 of the URL>.git}), fetched when a
 * commit is needed: later fetches move only what is new. One operation at a time per mirror.
 */
final class Mirrors {
    private final Path dir;
    private final Duration timeout;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    Mirrors(Path dir, Duration timeout) {
        this.dir = dir;
        this.timeout = timeout;
    }

    /** Runs {@code work} on the mirror of {@code url}, holding its lock. */
    <T> T with(RemoteUrl url, MirrorWork<T> work) {
        String key = key(url);
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try (Git git = open(dir.resolve(key + ".git"))) {
            return work.run(git);
        } catch (IOException | GitAPIException e) {
            throw new GitException(url.display() + ": " + RemoteUrl.redact(String.valueOf(e.getMessage())), e);
        } finally {
            lock.unlock();
        }
    }

    /** Brings every branch of the remote into the mirror (pruning deleted ones). */
    void fetch(Git git, RemoteUrl url) throws GitAPIException {
        git.fetch().setRemote(url.value()).setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
                .setRemoveDeletedRefs(true).setTimeout(seconds()).call();
    }

    /** The remote's branches and the commits they point at ({@code git ls-remote --heads}). */
    Map<String, String> branches(RemoteUrl url) {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            for (Ref r : Git.lsRemoteRepository().setRemote(url.value()).setHeads(true).setTimeout(seconds()).call()) {
                out.put(r.getName().substring("refs/heads/".length()), r.getObjectId().name());
            }
            return out;
        } catch (GitAPIException e) {
            throw new GitException(url.display() + ": " + RemoteUrl.redact(String.valueOf(e.getMessage())), e);
        }
    }

    int seconds() {
        return (int) Math.max(1, timeout.toSeconds());
    }

    private static Git open(Path repo) throws IOException, GitAPIException {
        if (Files.isDirectory(repo.resolve("objects"))) {
            return Git.open(repo.toFile());
        }
        Files.createDirectories(repo.getParent());
        return Git.init().setBare(true).setDirectory(repo.toFile()).call();
    }

    private static String key(RemoteUrl url) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(url.value().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Work on one mirror. */
    @FunctionalInterface
    interface MirrorWork<T> {
        T run(Git git) throws IOException, GitAPIException;
    }
}

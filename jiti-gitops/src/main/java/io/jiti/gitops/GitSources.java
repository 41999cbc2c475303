package io.jiti.gitops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Sources as delivery uses them, through JGit: a remote's branches, a commit's files in a directory of their
 * own, and a revert commit pushed back to a branch. Remotes are any URL JGit takes (HTTPS, SSH, a local path).
 */
public final class GitSources {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private final Mirrors mirrors;

    /**
     * @param cache   where the bare mirrors are kept
     * @param timeout the longest a remote may take to answer one operation
     */
    public GitSources(Path cache, Duration timeout) {
        this.mirrors = new Mirrors(cache, timeout);
    }

    /** The remote's branches and the commits they point at. */
    public Map<String, String> branches(RemoteUrl url) {
        return mirrors.branches(url);
    }

    /**
     * The files of {@code commit} in {@code dest} (which must not exist, or already holds that commit's files:
     * a second call is a no-op). Written to a sibling first and renamed, so {@code dest} is whole or absent.
     * Executable bits and symbolic links are kept; submodules are not fetched.
     */
    public Path checkout(RemoteUrl url, String commit, Path dest) {
        requireSha(commit);
        if (Files.isDirectory(dest)) {
            return dest;
        }
        return mirrors.with(url, git -> {
            Repository repo = git.getRepository();
            if (!repo.getObjectDatabase().has(ObjectId.fromString(commit))) {
                mirrors.fetch(git, url);
            }
            if (!repo.getObjectDatabase().has(ObjectId.fromString(commit))) {
                throw new GitException(url.display() + " has no commit " + commit + " on any branch");
            }
            Path tmp = dest.resolveSibling("." + dest.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                write(repo, commit, tmp);
                move(tmp, dest);
            } finally {
                delete(tmp);
            }
            return dest;
        });
    }

    /**
     * Makes a commit on {@code branch} whose files are those of {@code good}, undoing every commit after it,
     * and pushes it, but only if the branch still points at {@code expectedHead} (a lease: work pushed since
     * is never overwritten). A refused push (a protected branch, a branch that moved) is an outcome, not an error.
     */
    public RevertOutcome revert(RemoteUrl url, String branch, String good, String expectedHead, PersonIdent who,
                                String message) {
        requireSha(good);
        requireSha(expectedHead);
        return mirrors.with(url, git -> {
            mirrors.fetch(git, url);
            Repository repo = git.getRepository();
            ObjectId made;
            try (RevWalk walk = new RevWalk(repo); ObjectInserter ins = repo.newObjectInserter()) {
                RevCommit target = walk.parseCommit(ObjectId.fromString(good));
                CommitBuilder c = new CommitBuilder();
                c.setTreeId(target.getTree());
                c.setParentId(ObjectId.fromString(expectedHead));
                c.setAuthor(who);
                c.setCommitter(who);
                c.setMessage(message);
                made = ins.insert(c);
                ins.flush();
            }
            Iterable<PushResult> results = git.push().setRemote(url.value())
                    .setRefSpecs(new RefSpec(made.name() + ":refs/heads/" + branch))
                    .setRefLeaseSpecs(new RefLeaseSpec("refs/heads/" + branch, expectedHead))
                    .setTimeout(mirrors.seconds()).call();
            for (PushResult r : results) {
                RemoteRefUpdate u = r.getRemoteUpdate("refs/heads/" + branch);
                if (u != null && u.getStatus() != RemoteRefUpdate.Status.OK) {
                    return new RevertOutcome(false, made.name(), Optional.of(refusal(u, branch, good)));
                }
            }
            return new RevertOutcome(true, made.name(), Optional.empty());
        });
    }

    private static String refusal(RemoteRefUpdate u, String branch, String good) {
        String why = switch (u.getStatus()) {
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> branch + " moved since the release (diverged)";
            case REJECTED_NODELETE, REJECTED_OTHER_REASON -> "the remote refused the push"
                    + (u.getMessage() == null ? "" : ": " + RemoteUrl.redact(u.getMessage()));
            default -> "the push did not complete (" + u.getStatus() + ")";
        };
        return why + ". To make " + branch + " describe what runs, push a commit whose files are those of " + good
                + ", e.g.: git checkout " + branch + " && git read-tree -u --reset " + good
                + " && git commit -m 'Roll back to " + good.substring(0, 12) + "' && git push";
    }

    private static void write(Repository repo, String commit, Path root) throws IOException {
        Files.createDirectories(root);
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                Path file = root.resolve(tree.getPathString()).normalize();
                if (!file.startsWith(root) || mode == FileMode.GITLINK) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                byte[] bytes;
                try (InputStream in = repo.open(tree.getObjectId(0)).openStream()) {
                    bytes = in.readAllBytes();
                }
                if (mode == FileMode.SYMLINK) {
                    Files.createSymbolicLink(file, Path.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
                } else {
                    Files.write(file, bytes);
                    if (mode == FileMode.EXECUTABLE_FILE) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }

    private static void move(Path tmp, Path dest) throws IOException {
        Files.createDirectories(dest.getParent());
        try {
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another checkout of the same commit won: its files are the same
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dest);
        } catch (IOException e) {
            if (!Files.isDirectory(dest)) {
                throw e;
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void requireSha(String commit) {
        if (commit == null || !SHA.matcher(commit).matches()) {
            throw new IllegalArgumentException("commit: expected 40 hex digits, got '" + commit + "'");
        }
    }

}

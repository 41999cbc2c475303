package io.jiti.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JGit against repositories made and read with the git CLI. */
class GitSourcesIT {
    @TempDir
    Path tmp;
    private Path remote;
    private Path work;
    private GitSources sources;

    @BeforeEach
    void repos() throws Exception {
        remote = tmp.resolve("remote.git");
        work = tmp.resolve("work");
        git(tmp, "init", "-q", "--bare", "-b", "main", remote.toString());
        git(tmp, "clone", "-q", remote.toString(), work.toString());
        git(work, "config", "user.email", "dev@example.test");
        git(work, "config", "user.name", "Dev");
        sources = new GitSources(tmp.resolve("cache"), Duration.ofSeconds(30));
    }

    private String commit(String file, String content) throws Exception {
        Files.writeString(work.resolve(file), content);
        git(work, "add", "-A");
        git(work, "commit", "-q", "-m", "change " + file);
        git(work, "push", "-q", "origin", "HEAD:main");
        return git(work, "rev-parse", "HEAD").strip();
    }

    @Test
    void branchesCheckoutAndRevert() throws Exception {
        Files.writeString(work.resolve("run.sh"), "#!/bin/sh\necho v1\n");
        Files.setPosixFilePermissions(work.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String v1 = commit("app.txt", "v1\n");
        RemoteUrl url = new RemoteUrl(remote.toString());
        assertThat(sources.branches(url)).containsEntry("main", v1);

        Path out = sources.checkout(url, v1, tmp.resolve("checkouts").resolve(v1));
        assertThat(Files.readString(out.resolve("app.txt"))).isEqualTo("v1\n");
        assertThat(Files.isExecutable(out.resolve("run.sh"))).isTrue();
        assertThat(sources.checkout(url, v1, out)).isEqualTo(out);

        String v2 = commit("app.txt", "v2 broken\n");
        String v3 = commit("other.txt", "more\n");
        assertThat(Files.readString(sources.checkout(url, v3, tmp.resolve("c3")).resolve("app.txt")))
                .isEqualTo("v2 broken\n");

        RevertOutcome r = sources.revert(url, "main", v1, v3, new PersonIdent("jiti", "jiti@localhost"),
                "Roll back test to " + v1.substring(0, 12) + "\n\nReverts " + v2 + " and " + v3);
        assertThat(r.pushed()).as(r.reason().orElse("")).isTrue();
        git(work, "pull", "-q", "origin", "main");
        assertThat(git(work, "log", "-1", "--format=%s").strip()).isEqualTo("Roll back test to " + v1.substring(0, 12));
        assertThat(Files.readString(work.resolve("app.txt"))).isEqualTo("v1\n");
        assertThat(Files.exists(work.resolve("other.txt"))).isFalse();
        assertThat(git(work, "log", "--format=%H").lines().toList()).contains(v1, v2, v3);

        RevertOutcome stale = sources.revert(url, "main", v1, v3, new PersonIdent("jiti", "jiti@localhost"), "again");
        assertThat(stale.pushed()).isFalse();
        assertThat(stale.reason()).hasValueSatisfying(s -> assertThat(s).contains("main moved since the release",
                "git read-tree -u --reset " + v1));
    }

    @Test
    void urlsNeverShowTheirPassword() {
        assertThat(new RemoteUrl("https://bot:s3cret-token@git.example.test/org/app.git").display())
                .isEqualTo("https://bot:***@git.example.test/org/app.git");
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("git " + String.join(" ", args) + ": " + out);
        }
        return out;
    }
}

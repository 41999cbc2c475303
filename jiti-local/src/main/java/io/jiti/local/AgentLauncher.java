package io.jiti.local;

import io.jiti.api.JitiException;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Starts the agent of a home as a process of its own session, so that it outlives the CLI that started it. */
final class AgentLauncher {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private AgentLauncher() {
    }

    /** Starts the agent under the home's start lock unless {@code alive} already says one answers. */
    static void ensure(Home home, BooleanSupplier alive) {
        if (alive.getAsBoolean()) {
            return;
        }
        try {
            PrivateFiles.secureHome(home);
            try (FileChannel ch = FileChannel.open(home.startLock(), java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), PrivateFiles.FILE);
                 FileLock lock = ch.lock()) {
                if (alive.getAsBoolean()) {
                    return;
                }
                Files.deleteIfExists(home.agentInfo());
                Process p = launch(home);
                long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
                long wait = 20;
                while (System.nanoTime() < deadline) {
                    if (alive.getAsBoolean() && Files.exists(home.agentInfo())) {
                        return;
                    }
                    if (!p.isAlive() && p.exitValue() != 0) { // 0: another watchdog brings the agent back
                        throw new JitiException("the jiti agent exited with code " + p.exitValue() + lastWords(home));
                    }
                    Thread.sleep(wait);
                    wait = Math.min(wait * 2, 250);
                }
                throw new JitiException("the jiti agent did not start within " + START_TIMEOUT.toSeconds()
                        + "s" + lastWords(home));
            }
        } catch (IOException ex) {
            throw new JitiException("cannot start the jiti agent in " + home.root() + ": " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new JitiException("interrupted while starting the jiti agent", ex);
        }
    }

    /** What the agent said last (a refusal to start, a crash), for the CLI's message. */
    private static String lastWords(Home home) {
        try {
            List<String> lines = Files.readAllLines(home.agentOut());
            List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return last.isEmpty() ? "; see " + home.agentLog() : ":\n  " + String.join("\n  ", last);
        } catch (IOException e) {
            return "; see " + home.agentLog();
        }
    }

    /**
     * The class path for the agent. A single jar (the packaged CLI) is copied into the home first, named by
     * its SHA-256, so that rebuilding the CLI never rewrites the jar under a running agent; before every
     * start the copy is checked against the CLI's own jar (its hash) and its path against anyone else's
     * writing, and copied again when it differs.
     */
    static String classPath(Home home) throws IOException {
        Optional<Path> single = OwnJar.path();
        if (single.isEmpty()) {
            return System.getProperty("java.class.path");
        }
        Path jar = single.get();
        String hash = Hashes.sha256(jar);
        Path copy = home.agentDir().resolve("lib").resolve("jiti-" + hash.substring(0, 32) + ".jar");
        if (!Files.exists(copy) || !Hashes.sha256(copy).equals(hash)) {
            PrivateFiles.directories(copy.getParent());
            Path tmp = copy.resolveSibling(copy.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
            try {
                Files.copy(jar, tmp);
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                Files.move(tmp, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        PrivateFiles.requireTrustedPath(home.root(), copy);
        return copy.toString();
    }

    /**
     * Starts the agent's {@link io.jiti.local.agent.Watchdog watchdog} in a session of its own (it outlives
     * this CLI), which starts the agent and starts it again should it die. Both run with umask 077 (what they
     * and the servers create is private) and the minimal environment of {@link ChildEnvironment}, plus the
     * user's umask for the commands of the stack ({@code JITI_USER_UMASK}).
     */
    static Process launch(Home home) throws IOException {
        Files.deleteIfExists(home.stoppedMark());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", "-c", "umask 077 && exec setsid \"$@\"", "jiti-agent",
                java, "-Xmx24m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath(home),
                "io.jiti.local.agent.Watchdog", home.root().toString(),
                "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
        // the agent answers hosted commands (AgentForwarder) only for a CLI of the build it was copied from
        OwnJar.identity().ifPresent(build -> cmd.add("-D" + OwnJar.BUILD_PROPERTY + "=" + build));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> own = new java.util.HashMap<>();
        own.put(UserUmask.VARIABLE, UserUmask.current());
        for (String setting : List.of("JITI_LOG_MAX_BYTES", "JITI_AGENT_IDLE_EXIT")) {
            String value = System.getenv(setting);
            if (value != null) {
                own.put(setting, value); // the agent's own settings; no child sees them
            }
        }
        ChildEnvironment.apply(pb, ChildEnvironment.forBuild(System.getenv()), own);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(PrivateFiles.file(home.agentOut()).toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }
}

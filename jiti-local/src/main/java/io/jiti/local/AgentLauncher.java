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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Starts the agent of a home as a process of its own session, so that it outlives the CLI that started it. */
final class AgentLauncher {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private AgentLauncher() {
    }

    /** Returns a live endpoint, starting the agent under the home's start lock when none answers. */
    static <E> E ensure(Home home, Supplier<Optional<E>> read, Predicate<E> alive, Function<E, AgentInfo> info) {
        Optional<E> e = read.get().filter(alive);
        if (e.isPresent()) {
            return e.get();
        }
        try {
            Files.createDirectories(home.agentDir());
            try (FileChannel ch = FileChannel.open(home.startLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                e = read.get().filter(alive);
                if (e.isPresent()) {
                    return e.get();
                }
                Files.deleteIfExists(home.agentInfo());
                Process p = launch(home);
                long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
                long wait = 20;
                while (System.nanoTime() < deadline) {
                    e = read.get().filter(alive);
                    if (e.isPresent()) {
                        return e.get();
                    }
                    if (!p.isAlive() && p.exitValue() != 0) {
                        break;
                    }
                    Thread.sleep(wait);
                    wait = Math.min(wait * 2, 250);
                }
                throw new JitiException("the jiti agent did not start within " + START_TIMEOUT.toSeconds()
                        + "s; see " + home.agentLog());
            }
        } catch (IOException ex) {
            throw new JitiException("cannot start the jiti agent in " + home.root() + ": " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new JitiException("interrupted while starting the jiti agent", ex);
        }
    }

    /**
     * The class path for the agent. A single jar (the packaged CLI) is copied into the home first, so that
     * rebuilding the CLI never rewrites the jar under a running agent.
     */
    static String classPath(Home home) throws IOException {
        String cp = System.getProperty("java.class.path");
        Path jar = Path.of(cp);
        if (cp.contains(File.pathSeparator) || !cp.endsWith(".jar") || !Files.isRegularFile(jar)) {
            return cp;
        }
        Path copy = home.agentDir().resolve("lib").resolve("jiti-" + Files.size(jar) + "-"
                + Files.getLastModifiedTime(jar).toMillis() + ".jar");
        if (!Files.exists(copy)) {
            Files.createDirectories(copy.getParent());
            Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp");
            Files.copy(jar, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return copy.toString();
    }

    private static Process launch(Home home) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of("setsid", java, "-Xss512k", "-XX:+UseSerialGC",
                "-Xmx256m", "-cp", classPath(home), "io.jiti.local.agent.AgentMain",
                home.root().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // the agent outlives this CLI and starts every child: it gets only what a build or a run may need
        ChildEnvironment.apply(pb, ChildEnvironment.forBuild(System.getenv()), Map.of());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.agentLog().toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }
}

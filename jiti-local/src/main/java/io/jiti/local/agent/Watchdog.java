package io.jiti.local.agent;

import io.jiti.local.AgentInfo;
import io.jiti.local.Home;
import io.jiti.local.Json;
import io.jiti.local.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the agent of a home running: {@code java … io.jiti.local.agent.Watchdog JITI_HOME AGENT_JAVA_OPTIONS…}.
 * The CLI starts it (in a session of its own); it starts the agent as its child, or watches an agent that
 * already runs, and keeps a warmed-up standby agent beside it, so that when the agent ends other than by
 * being asked to stop (a {@code kill -9}, an {@link OutOfMemoryError}, a crash) the standby takes over at
 * once; a new standby follows, with backoff if agents keep dying within {@link #STABLE_MILLIS} (100 ms
 * doubling to 30 s). The new agent re-adopts the instances, servers and load balancers, which never stopped.
 * An agent asked to stop (its API's shutdown, or TERM) leaves the {@code stopped} mark; then the standby
 * and the watchdog end too. One watchdog per home ({@code agent/watchdog.lock}).
 *
 * <p>So that a new agent is serving again within about a second, agents start from a class-data archive
 * (AppCDS, {@code agent/lib/jiti-HASH.jsa} beside the jar), which the watchdog makes once per jar by a
 * training run of the agent ({@link AgentMain}'s {@code --train}), a few seconds after the first agent
 * started.
 */
public final class Watchdog {
    private static final long FIRST_BACKOFF_MILLIS = 100;
    /** How long the first agent runs before the watchdog trains the class-data archive for the next ones. */
    private static final long TRAIN_AFTER_MILLIS = 5_000;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long STABLE_MILLIS = 60_000;

    private Watchdog() {
    }

    /** The entry point. */
    public static void main(String[] args) throws Exception {
        Home home = new Home(Path.of(args[0]));
        List<String> javaOptions = List.of(args).subList(1, args.length);
        PrivateFiles.secureHome(home);
        try (FileChannel ch = FileChannel.open(home.agentDir().resolve("watchdog.lock"),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), PrivateFiles.FILE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) {
                return; // another watchdog keeps this home's agent running
            }
            supervise(home, javaOptions);
        }
    }

    /**
     * Keeps an active agent and a standby. The standby is a second agent process, warmed up, blocked on the
     * home's agent lock: when the active one dies the kernel releases the lock and the standby takes over at
     * once (it has nothing left to load), then a new standby is started. An active agent that stops cleanly
     * leaves the {@code stopped} mark, which makes the standby exit instead of taking over.
     */
    private static void supervise(Home home, List<String> javaOptions) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MILLIS;
        Process[] children = new Process[2];
        Thread trainer = new Thread(() -> train(home, javaOptions), "watchdog-train");
        trainer.setDaemon(true);
        trainer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : children) {
                if (p != null && p.isAlive()) {
                    p.destroy(); // TERM: the agent stops cleanly, its instances keep running
                }
            }
        }, "watchdog-stop"));
        ProcessHandle active = null;
        while (true) {
            long started = System.currentTimeMillis();
            if (active == null || !active.isAlive()) {
                Optional<ProcessHandle> running = runningAgent(home);
                if (running.isPresent()) {
                    active = running.get();
                    log("watching agent " + active.pid());
                } else {
                    children[0] = startOrNull(home, javaOptions, false);
                    active = children[0] == null ? null : children[0].toHandle();
                }
            }
            if (active == null) {
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                continue;
            }
            awaitServing(home, active);
            children[1] = active.isAlive() ? startOrNull(home, javaOptions, true) : null;
            ProcessHandle standby = children[1] == null ? null : children[1].toHandle();
            java.util.concurrent.CompletableFuture<?> either = standby == null ? active.onExit()
                    : java.util.concurrent.CompletableFuture.anyOf(active.onExit(), standby.onExit());
            either.join();
            if (active.isAlive()) {
                continue; // the standby died; start another (the active one goes on)
            }
            if (Files.exists(home.stoppedMark())) {
                if (standby != null) {
                    standby.destroy();
                }
                log("agent stopped; watchdog ends");
                return;
            }
            boolean stable = System.currentTimeMillis() - started > STABLE_MILLIS;
            backoff = stable ? FIRST_BACKOFF_MILLIS : Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            if (standby != null && standby.isAlive()) {
                log("agent " + active.pid() + " ended; standby " + standby.pid() + " takes over");
                active = standby;
                children[0] = children[1];
                if (!stable) {
                    Thread.sleep(backoff); // it keeps dying: no new standby at once
                }
            } else {
                log("agent " + active.pid() + " ended; starting a new one" + (stable ? "" : " in " + backoff + " ms"));
                active = null;
                if (!stable) {
                    Thread.sleep(backoff);
                }
            }
        }
    }

    /** Waits until {@code agent} serves (its pid in {@code agent.json}) or ends. */
    private static void awaitServing(Home home, ProcessHandle agent) throws InterruptedException {
        while (agent.isAlive()) {
            try {
                if (Json.MAPPER.readValue(home.agentInfo().toFile(), AgentInfo.class).pid() == agent.pid()) {
                    return;
                }
            } catch (IOException e) {
                // not written yet
            }
            Thread.sleep(50);
        }
    }

    private static Process startOrNull(Home home, List<String> javaOptions, boolean standby) {
        try {
            return start(home, javaOptions, standby);
        } catch (IOException e) {
            log("cannot start " + (standby ? "a standby agent" : "the agent") + ": " + e.getMessage());
            return null;
        }
    }

    /** The agent named by {@code agent.json}, if that very process (pid and start time) still runs. */
    private static Optional<ProcessHandle> runningAgent(Home home) {
        try {
            AgentInfo info = Json.MAPPER.readValue(home.agentInfo().toFile(), AgentInfo.class);
            return ProcessHandle.of(info.pid()).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false)
                            && h.info().arguments().map(a -> List.of(a).contains(AgentMain.class.getName())).orElse(false));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The class-data archive of the jar the agent runs from. */
    private static Path archive() {
        return Path.of(System.getProperty("java.class.path") + ".jsa");
    }

    /** Makes the class-data archive once, a while after the first agent started (no hurry, no competition). */
    private static void train(Home home, List<String> javaOptions) {
        Path archive = archive();
        if (io.jiti.local.OwnJar.path().isEmpty() || Files.exists(archive)) {
            return;
        }
        String cp = System.getProperty("java.class.path");
        Path scratch = null;
        Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Thread.sleep(TRAIN_AFTER_MILLIS);
            scratch = ScratchDir.fresh("train");
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            cmd.addAll(javaOptions);
            cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-cp", cp, AgentMain.class.getName(),
                    AgentMain.TRAIN, scratch.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(tmp)) {
                Files.move(tmp, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                log("made the class-data archive " + archive + " for the next agents");
            } else {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            log("cannot make the class-data archive: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(tmp);
                if (scratch != null) {
                    io.jiti.local.DurableFiles.deleteTree(scratch);
                }
            } catch (IOException e) {
                // a leftover in the temporary directory
            }
        }
    }

    private static Process start(Home home, List<String> javaOptions, boolean standby) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(javaOptions);
        if (Files.exists(archive())) {
            try {
                PrivateFiles.requireTrustedPath(home.root(), archive());
                cmd.add("-XX:SharedArchiveFile=" + archive());
            } catch (io.jiti.api.JitiException e) {
                log("not using " + archive() + ": " + e.getMessage());
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
        if (standby) {
            cmd.add(AgentMain.STANDBY);
        }
        cmd.add(home.root().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JITI_WATCHDOG_PID", Long.toString(ProcessHandle.current().pid()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(PrivateFiles.file(home.agentOut()).toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private static void log(String message) {
        System.out.println("watchdog " + ProcessHandle.current().pid() + ": " + message);
    }
}

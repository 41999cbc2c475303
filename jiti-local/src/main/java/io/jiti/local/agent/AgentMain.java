package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.AgentInfo;
import io.jiti.local.PrivateFiles;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import io.jiti.local.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

/**
 * The agent process: {@code java -cp ... io.jiti.local.agent.AgentMain JITI_HOME}. Holds the home's agent
 * lock for its whole life (a second agent exits at once), writes a fresh token ({@code 0600}) and its
 * address, then serves until asked to shut down or terminated. Instances keep running after it exits.
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(TRAIN)) {
            train(Path.of(args[1]));
            return;
        }
        if (args.length == 2 && args[0].equals(STANDBY)) {
            standBy(new Home(Path.of(args[1])));
            return;
        }
        Home home = new Home(Path.of(args.length > 0 ? args[0] : System.getProperty("user.home") + "/.jiti"));
        try {
            PrivateFiles.secureHome(home);
        } catch (JitiException e) {
            System.out.println("refusing to start: " + e.getMessage());
            System.exit(2);
        }
        try (FileChannel ch = FileChannel.open(home.agentLock(), java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), PrivateFiles.FILE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) {
                System.out.println("another agent serves " + home.root() + "; exiting");
                return;
            }
            Files.deleteIfExists(home.stoppedMark());
            run(home);
        }
    }

    /**
     * Serves until asked to stop (the API's shutdown, or TERM), then stops cleanly and exits with code 0 after
     * removing {@code agent.json}: that is how its {@link Watchdog} tells a stop from a crash.
     */
    private static void run(Home home) throws IOException, InterruptedException {
        String token = HexFormat.of().formatHex(randomBytes());
        DurableFiles.writeAtomically(home.token(), token);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Agent agent = new Agent(home, AgentMain::log);
        // the API's server starts while the agent adopts what runs: a restarted agent serves sooner
        java.util.concurrent.CompletableFuture<ControlApi> serving = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return new ControlApi(agent, home, token, System.getProperty(io.jiti.local.OwnJar.BUILD_PROPERTY),
                                stop::countDown);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        agent.start();
        ControlApi api;
        try {
            api = serving.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
        api.open();
        long watchdog = Long.parseLong(System.getenv().getOrDefault("JITI_WATCHDOG_PID", "0"));
        AgentInfo info = new AgentInfo(ProcessHandle.current().pid(), api.metricsPort(), Instant.now().toString(),
                watchdog);
        DurableFiles.writeAtomically(home.agentInfo(), Json.MAPPER.writeValueAsString(info));
        log("agent " + info.pid() + " serving " + home.root() + " on " + home.agentSocket() + " (metrics on 127.0.0.1:"
                + api.metricsPort() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(java.time.Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(0); // TERM is a stop, not a crash
        }, "agent-stop"));
        IdleExit.watch(agent, api, stop, AgentMain::log);
        stop.await();
        try {
            DurableFiles.writeAtomically(home.stoppedMark(), "stopped by request\n"); // not a crash: no takeover
            Files.deleteIfExists(home.agentInfo());
            api.close();
            agent.close();
            log("agent " + info.pid() + " stopped; instances keep running");
        } finally {
            stopped.countDown();
        }
    }

    /** The argument that makes a standby agent ({@link #standBy}). */
    static final String STANDBY = "--standby";

    /**
     * A standby agent, kept by the {@link Watchdog}: warms up (a training run in a scratch home, so that
     * everything is loaded), then waits for the home's agent lock. The kernel releases the lock when the
     * active agent dies, however it dies, and the standby takes over at once; if the active agent stopped
     * cleanly (it left the {@code stopped} mark), the standby ends instead.
     */
    private static void standBy(Home home) throws Exception {
        Path scratch = ScratchDir.fresh("standby");
        try {
            train(scratch);
        } finally {
            io.jiti.local.DurableFiles.deleteTree(scratch);
        }
        try (FileChannel ch = FileChannel.open(home.agentLock(), java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), PrivateFiles.FILE);
             FileLock lock = ch.lock()) {
            if (Files.exists(home.stoppedMark())) {
                return; // the agent was asked to stop: so is its standby
            }
            log("standby " + ProcessHandle.current().pid() + " takes over");
            run(home);
        }
    }

    /** The argument that makes a training run ({@link #train}). */
    static final String TRAIN = "--train";

    /**
     * A training run for the class-data archive the {@link Watchdog} makes (AppCDS): starts an agent in a
     * scratch home as far as serving its API, reads and writes a record as adoption does, then stops. The
     * classes it loaded are what the next agents load from the archive instead of the jar.
     */
    private static void train(Path scratch) throws Exception {
        Home home = new Home(scratch);
        try (AutoCloseable agent = inProcess(scratch)) {
            ParticleRecord r = new ParticleRecord("train", "web", "service", java.util.Map.of("command", "x"), "h",
                    true, false, java.util.List.of(), "/", 1, java.util.List.of(new InstanceRecord("web-1", 1, 1, 2, "h",
                    false)), null, null);
            try (RecordStore store = new RecordStore(home.records().resolve("train"))) {
                store.save(r);
            }
            try (RecordStore store = new RecordStore(home.records().resolve("train"))) {
                store.loadAll(m -> { });
            }
        }
    }

    /**
     * An agent serving the control API of the scratch home {@code scratch} inside this JVM, with no watchdog
     * and no lock, for training runs of class-data archives only (the agent's, and the CLI's, which applies a
     * stack through it): close it to stop it. Never for a user's home.
     */
    public static AutoCloseable inProcess(Path scratch) throws Exception {
        Home home = new Home(scratch);
        PrivateFiles.secureHome(home);
        Agent agent = new Agent(home, m -> { });
        agent.start();
        // it runs the build of this very JVM: a CLI training through it has its commands answered too
        ControlApi api = new ControlApi(agent, home, "training", io.jiti.local.OwnJar.identity().orElse(null), () -> { });
        api.open();
        DurableFiles.writeAtomically(home.agentInfo(), Json.MAPPER.writeValueAsString(new AgentInfo(1, 1, "", 0)));
        return () -> {
            api.close();
            agent.close();
        };
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** A line of the agent's log; the agent stamps it with the time when it collects its own output. */
    private static void log(String message) {
        System.out.println(message);
    }
}

package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.ChildEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts commands with {@code sh -c} in a session of their own, and stops whole process groups. */
final class Launcher {
    private Launcher() {
    }

    /**
     * Starts {@code command} in {@code workdir} with the agent's {@link ChildEnvironment#forRun run base}
     * plus {@code env}; stdout and stderr are appended to {@code log}.
     */
    static Launched start(List<String> argv, Path workdir, Map<String, String> env, Path log) {
        return start(argv, workdir, ChildEnvironment.forRun(System.getenv()), env, log);
    }

    /** As {@link #start(List, Path, Map, Path)}, from the given base environment instead. */
    static Launched start(List<String> argv, Path workdir, Map<String, String> base, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            if (!Files.isDirectory(workdir)) {
                throw new JitiException("working directory " + workdir + " does not exist");
            }
            ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of("setsid")));
            pb.command().addAll(argv);
            pb.directory(workdir.toFile());
            ChildEnvironment.apply(pb, base, env);
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            long started = Launched.startOf(p.toHandle());
            return new Launched(p.pid(), started, Optional.of(p));
        } catch (IOException e) {
            throw new JitiException("cannot start " + argv + ": " + e.getMessage(), e);
        }
    }

    /** Sends a signal ({@code TERM}, {@code KILL}) to the process group of {@code pid}. */
    static void signalGroup(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + pid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor();
        } catch (IOException e) {
            throw new JitiException("cannot signal process group " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether any process of the group of {@code pid} is still alive. */
    static boolean groupAlive(long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", "0", "--", "-" + pid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** TERM to the group, then KILL after {@code graceMillis}; returns once the group is gone or killed. */
    static void stopGroup(long pid, long graceMillis) {
        stopGroup(pid, "TERM", graceMillis);
    }

    /**
     * {@code signal} (the program's own way to stop, such as PostgreSQL's {@code INT} for a fast shutdown) to
     * the group, then KILL after {@code graceMillis}; returns once the group is gone or killed.
     */
    static void stopGroup(long pid, String signal, long graceMillis) {
        signalGroup(pid, signal);
        long deadline = System.currentTimeMillis() + graceMillis;
        long wait = 10;
        while (groupAlive(pid) && System.currentTimeMillis() < deadline) {
            pause(wait);
            wait = Math.min(wait * 2, 200);
        }
        if (groupAlive(pid)) {
            signalGroup(pid, "KILL");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.jiti.local.agent;

import io.jiti.local.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The release phase, as on Heroku: a release's {@code release} command (the spec's, else its Procfile's
 * {@code release:} line), such as database migrations, run once per release with the service's runtime
 * environment, after its build and before any of its instances starts. Done once: a mark beside the release
 * ({@code KEY.released}) says so, to every later agent. If it fails, no instance of the release starts (the
 * old ones keep serving) and the service fails with the reason; a new apply tries again.
 */
final class ReleasePhase {
    private final LogIngester logs;
    private final Events events;
    private final LongConsumer watchExit;
    private Launched process;
    private Path running;
    private volatile String problem;
    private Path failed;

    ReleasePhase(LogIngester logs, Events events, LongConsumer watchExit) {
        this.logs = logs;
        this.events = events;
        this.watchExit = watchExit;
    }

    /** The release command of {@code rec} for {@code release}: the spec's {@code release}, else the Procfile's line. */
    static Optional<String> command(ParticleRecord rec, Path release) {
        String explicit = rec.text("release", null);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        Path procfile = release.resolve("Procfile");
        try {
            if (Files.isRegularFile(procfile)) {
                for (String line : Files.readAllLines(procfile, StandardCharsets.UTF_8)) {
                    if (line.startsWith("release:")) {
                        return Optional.of(line.substring(8).trim());
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Whether the release phase of {@code release} is done (or there is none): starts it, or finds it ended,
     * as the case is. {@code env} is the service's runtime environment.
     */
    boolean done(ParticleRecord rec, Path release, Map<String, String> env) {
        Optional<String> cmd = command(rec, release);
        Path mark = release.resolveSibling(release.getFileName() + ".released");
        if (cmd.isEmpty() || Files.exists(mark)) {
            problem = null;
            return true;
        }
        if (release.equals(failed)) {
            return false;
        }
        if (process == null || !release.equals(running)) {
            if (process != null) {
                Launcher.stopGroup(process.pid(), 1000);
            }
            events.add("release phase of " + release.getFileName() + ": " + cmd.get());
            process = Launcher.start(ShellCommand.argv(cmd.get()), release, env, logs.rawFile("release"));
            running = release;
            problem = null;
            watchExit.accept(process.pid());
            return false;
        }
        if (process.alive()) {
            return false;
        }
        int code = process.exitCode().orElse(-1);
        process = null;
        logs.finish("release");
        if (code != 0) {
            failed = release;
            problem = "the release phase (" + cmd.get() + ") failed with exit code " + code + "; no instance of this "
                    + "release was started, the running ones keep serving (see: jiti logs " + rec.name() + " --all)";
            events.add(problem);
            return false;
        }
        try {
            DurableFiles.writeAtomically(mark, "released\n");
        } catch (IOException e) {
            problem = "the release phase succeeded but its mark could not be written: " + e.getMessage();
            return false;
        }
        events.add("release phase of " + release.getFileName() + " done");
        return true;
    }

    /** Whether the release phase runs now. */
    boolean running() {
        return process != null;
    }

    /** Why the release cannot roll out (its release phase failed), or null. */
    String problem() {
        return problem;
    }

    /** What the release phase printed last, or "". */
    String lastLine() {
        return logs.lastLine("release", 100);
    }

    /** A new spec is applied: a failed release phase is tried again. */
    void retryIfFailed() {
        failed = null;
        problem = null;
    }
}

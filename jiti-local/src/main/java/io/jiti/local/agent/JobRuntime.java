package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command run to completion once per spec. The exit code is written by a wrapper shell to a file, so
 * it survives an agent restart while the job runs.
 */
final class JobRuntime implements ParticleRuntime {
    /** Runs the command with the user's umask ($3), then records its exit code (as jiti's own, private file). */
    private static final String WRAPPER = "(umask \"$3\"; exec sh -c \"$1\"); code=$?; printf '%s' \"$code\" > \"$2.tmp\""
            + " && mv \"$2.tmp\" \"$2\"; exit $code";
    private final Home home;
    private final RecordStore store;
    private final Env env;
    private volatile ParticleRecord rec;
    private Launched process;
    private final LogIngester logs;

    JobRuntime(Home home, RecordStore store, Env env, ParticleRecord rec) {
        this.home = home;
        this.env = env;
        this.store = store;
        this.rec = rec;
        this.logs = new LogIngester(home.logs(rec.stack(), rec.name()));
        rec.instances().stream().findFirst()
                .map(Launched::of)
                .filter(Launched::alive)
                .ifPresent(l -> process = l);
    }

    @Override
    public synchronized void apply(ParticleRecord desired) {
        stopProcess();
        Path exit = exitFile(desired);
        try {
            Files.createDirectories(exit.getParent());
            Files.deleteIfExists(exit);
        } catch (IOException e) {
            throw new JitiException("cannot prepare " + exit.getParent() + ": " + e.getMessage(), e);
        }
        Map<String, String> vars = env.of(desired);
        logs.reopen("run");
        Launched l = Launcher.start(List.of("sh", "-c", WRAPPER, "jiti-job", desired.text("command", "true"),
                exit.toString(), ShellCommand.UMASK), Path.of(desired.workdir()), vars, logs.rawFile("run"));
        try {
            rec = store.save(desired.withExitCode(null)
                    .withInstances(List.of(new InstanceRecord(desired.name() + "-run", l.pid(), l.startedAt(), 0,
                            desired.specHash(), false))));
        } catch (JitiException e) {
            Launcher.stopGroup(l.pid(), 1000); // unrecorded, it would be an orphan after a restart
            throw e;
        }
        process = l;
    }

    @Override
    public void setRunning(boolean running) {
        throw new JitiException("a job runs to completion; it cannot be started or stopped");
    }

    @Override
    public synchronized void delete() {
        stopProcess();
        store.delete(rec.stack(), rec.name());
        try {
            DurableFiles.deleteTree(home.work(rec.stack(), rec.name()));
            DurableFiles.deleteTree(home.logs(rec.stack(), rec.name()));
        } catch (IOException e) {
            throw new JitiException("cannot clean up after job " + rec.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void tick() {
        logs.ingestAll(); // also what a run that ended left, a bounded part per tick
        if (process == null || process.alive()) {
            return;
        }
        logs.finish("run");
        Integer code = readExitCode().orElse(process.exitCode().orElse(-1));
        process = null;
        rec = store.save(rec.withExitCode(code).withInstances(List.of()));
    }

    @Override
    public Live observe() {
        ParticleRecord r = rec;
        Live.Status status;
        String message;
        if (r.exitCode() == null) {
            status = Live.Status.PROGRESSING;
            message = "running";
        } else if (r.exitCode() == 0) {
            status = Live.Status.READY;
            message = "";
        } else {
            status = Live.Status.FAILED;
            message = r.exitCode() < 0 ? "ended without an exit code (killed?)" : "exited with code " + r.exitCode()
                    + " (see: jiti logs " + r.name() + ")";
        }
        Map<String, Object> outputs = r.exitCode() == null ? Map.of() : Map.of("exitCode", r.exitCode());
        List<LiveInstance> instances = r.instances().stream()
                .map(i -> new LiveInstance(i.id(), i.pid(), 0, true)).toList();
        return new Live(r.stack(), r.name(), r.type(), r.specHash(), r.spec(), true, status, message, outputs,
                r.protect(), r.dependsOn(), instances);
    }

    @Override
    public ParticleRecord record() {
        return rec;
    }

    private Optional<Integer> readExitCode() {
        try {
            Path f = exitFile(rec);
            return Files.exists(f) ? Optional.of(Integer.parseInt(Files.readString(f, StandardCharsets.UTF_8).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void stopProcesses() {
        stopProcess();
    }

    private void stopProcess() {
        if (process != null && process.alive()) {
            Launcher.stopGroup(process.pid(), 5000);
        }
        process = null;
    }

    private Path exitFile(ParticleRecord r) {
        return home.work(r.stack(), r.name()).resolve(r.specHash() + ".exit");
    }
}

package io.jiti.local.agent;

import io.jiti.local.ChildEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A service's build without a Dockerfile: started once per spec hash with the ecosystem's own tool
 * ({@link Builds}), with the build tools' settings and no runtime config (12-factor: build, release, run);
 * on success it finds the start command. A failed build shows as the particle's failure, and the instances
 * of the last good build keep serving. A build has its own time limit ({@code buildTimeout}, 15 minutes by
 * default), and the service reports {@code PREPARING} while it runs, so that the operation's timeout
 * ({@code JITI_TIMEOUT}) counts only the instances' start.
 */
final class ServiceBuild {
    private final LogIngester logs;
    private final Releases releases;
    private Path release;
    private final Events events;
    private final LongConsumer watchExit;
    /** How long a build may take when the spec does not say ({@code buildTimeout}, seconds). */
    static final long DEFAULT_TIMEOUT_SECONDS = 900;
    private Launched process;
    private long startedAt;
    private String builtHash;
    private String buildHash;
    private String builtStart;
    private volatile String problem;

    /** {@code watchExit} is told the pid of each build started, to tick when it ends. */
    ServiceBuild(LogIngester logs, Releases releases, Events events, LongConsumer watchExit) {
        this.logs = logs;
        this.releases = releases;
        this.events = events;
        this.watchExit = watchExit;
    }

    /** Whether {@code rec}'s build (if it has one) is done: starts it, or finds it ended, as the case is. */
    boolean built(ParticleRecord rec) {
        String key = key(rec);
        if (rec.text("build", null) == null || key.equals(builtHash)) {
            return true;
        }
        Path dir = Path.of(rec.workdir());
        if (process == null && releases.find(key).isPresent()) { // built before: another spec, an earlier agent
            return adopt(rec, key, releases.find(key).get());
        }
        if (process == null) {
            Optional<String> cmd = Builds.buildCommand(dir);
            if (cmd.isEmpty()) {
                problem = "build: no pom.xml, mvnw, gradlew, package.json, requirements.txt, pyproject.toml or "
                        + "Gemfile in " + dir;
                return false;
            }
            problem = null;
            events.add("building release " + key + ": " + cmd.get());
            process = Launcher.start(ShellCommand.argv(cmd.get()), dir, ChildEnvironment.forBuild(System.getenv()),
                    Map.of("JITI_STACK", rec.stack(), "JITI_PARTICLE", rec.name()), logs.rawFile("build"));
            buildHash = key;
            startedAt = System.currentTimeMillis();
            watchExit.accept(process.pid());
            return false;
        }
        if (!buildHash.equals(key)) {
            Launcher.stopGroup(process.pid(), 1000);
            process = null;
            return false;
        }
        long limit = timeoutSeconds(rec);
        if (process.alive() && System.currentTimeMillis() - startedAt > limit * 1000) {
            Launcher.stopGroup(process.pid(), 1000);
            process = null;
            logs.finish("build");
            problem = "the build took longer than " + limit + "s (buildTimeout) and was stopped (see: jiti logs "
                    + rec.name() + " --build)";
            events.add(problem);
            builtHash = key;
            builtStart = null;
            return true;
        }
        if (process.alive()) {
            return false;
        }
        int code = process.exitCode().orElse(-1);
        process = null;
        logs.finish("build");
        if (code != 0) {
            problem = "build failed with exit code " + code + " (see: jiti logs " + rec.name() + " --build)";
            events.add(problem);
            builtHash = key;
            builtStart = null;
            return true;
        }
        try {
            return adopt(rec, key, releases.publish(key, dir));
        } catch (IOException e) {
            problem = "built, but could not copy the build to its release: " + e.getMessage();
            events.add(problem);
            builtHash = key;
            builtStart = null;
            return true;
        }
    }

    /**
     * What a build depends on: its directory and the digest of its sources (the spec's {@code source}, put
     * there by the engine); not the command, the environment or the instance count, which reuse a release.
     * Without a digest (an older client), the whole spec.
     */
    static String key(ParticleRecord rec) {
        String source = rec.text("source", null);
        if (source == null) {
            return rec.specHash();
        }
        String both = rec.text("build", "") + "\u0000" + source;
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(both.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code rec}'s instances from {@code built}, the release of {@code key}. */
    private boolean adopt(ParticleRecord rec, String key, Path built) {
        release = built;
        try {
            builtStart = Builds.startCommand(built).orElse(null);
        } catch (IOException e) {
            builtStart = null;
        }
        builtHash = key;
        if (rec.text("command", null) == null && builtStart == null) {
            problem = "built, but found no way to start it: add a Procfile with a 'web:' line, or set 'command'";
            events.add(problem);
        } else {
            events.add("release " + key + " ready in " + built + "; starting with: " + command(rec));
        }
        return true;
    }

    /** The command instances run: the spec's, else what the build found (null when there is none). */
    String command(ParticleRecord rec) {
        String explicit = rec.text("command", null);
        return explicit != null ? explicit : builtStart;
    }

    /** Where {@code rec}'s instances run: its release when it builds, else its working directory. */
    Path workdir(ParticleRecord rec) {
        return rec.text("build", null) != null && release != null ? release : Path.of(rec.workdir());
    }

    /** Removes old releases but the newest few and those {@code inUse} (instances' directories). */
    void prune(java.util.Set<Path> inUse) {
        try {
            releases.prune(inUse);
        } catch (IOException e) {
            events.add("could not remove an old release: " + e.getMessage());
        }
    }

    /** Why the service cannot run (its build failed or found no start), or null. */
    String problem() {
        return problem;
    }

    /** Whether a build runs now. */
    boolean running() {
        return process != null;
    }

    /** What the running build printed last (for progress), or "". */
    String lastLine() {
        return logs.lastLine("build", 100);
    }

    private static long timeoutSeconds(ParticleRecord rec) {
        Object n = rec.spec().get("buildTimeout");
        return n instanceof Number num ? num.longValue() : DEFAULT_TIMEOUT_SECONDS;
    }

    /** A new spec is applied: a build that failed is tried again. */
    void retryIfFailed() {
        if (problem != null) {
            builtHash = null;
            problem = null;
        }
    }
}

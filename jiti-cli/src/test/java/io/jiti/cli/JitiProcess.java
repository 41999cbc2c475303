package io.jiti.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code jiti.jar} as a real process with its own {@code JITI_HOME}. */
final class JitiProcess {
    static final Path JAR = Path.of("target/jiti.jar").toAbsolutePath();
    private final Path home;
    private final java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
    private final Path jar;
    private Path dir;

    JitiProcess(Path home) {
        this(home, JAR);
    }

    /** Runs {@code jar} (a copy or a link of the packaged one) instead. */
    JitiProcess(Path home, Path jar) {
        this.home = home;
        this.jar = jar;
    }

    /** Runs every later {@code jiti} process in {@code workDir}. */
    JitiProcess in(Path workDir) {
        this.dir = workDir;
        return this;
    }

    /** A copy of {@code examples/hello} (its app and stack) in a new temporary directory. */
    static Path helloApp() throws IOException {
        Path hello = Path.of("../examples/hello").toAbsolutePath().normalize();
        Path app = io.jiti.testkit.TestDirs.create("jiti-hello");
        for (String f : List.of("Hello.java", "jiti.yaml")) {
            Files.copy(hello.resolve(f), app.resolve(f));
        }
        return app;
    }

    /** Sets a variable in the environment of every later {@code jiti} process. */
    JitiProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    record Result(int code, String out) {
    }

    /** Starts {@code jiti ARGS}; output (stdout and stderr) goes to {@code log}. */
    Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("JITI_HOME", home.toString());
        pb.environment().put("NO_COLOR", "1");
        pb.environment().put("JITI_TIMEOUT", "60");
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * {@code jiti down --force APP}, then stops the home's agent and waits until it is gone, then empties the
     * home (its copy of the agent's jar alone is over 100 MB).
     */
    void downAndStopAgent(Path app) throws Exception {
        run("down", "--force", app.toString());
        var info = JsonOut.MAPPER.readTree(home.resolve("agent/agent.json").toFile());
        List<Long> pids = new ArrayList<>(List.of(info.path("pid").asLong(), info.path("watchdog").asLong()));
        Path host = home.resolve("agent/balancer.json");
        if (Files.exists(host)) {
            pids.add(JsonOut.MAPPER.readTree(host.toFile()).path("pid").asLong());
        }
        // TERM stops the agent cleanly; its watchdog ends with it, the balancer host once it serves nothing
        ProcessHandle.of(pids.get(0)).ifPresent(ProcessHandle::destroy);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> pids.stream()
                .allMatch(p -> p == 0 || ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true)));
        try (var children = Files.list(home)) {
            for (Path child : children.toList()) {
                io.jiti.local.DurableFiles.deleteTree(child);
            }
        }
    }

    /** Runs {@code jiti ARGS}, which must exit 0 (else the test fails, showing its output). */
    Result ok(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        org.assertj.core.api.Assertions.assertThat(r.code()).as("jiti " + String.join(" ", args) + "\n" + r.out())
                .isZero();
        return r;
    }

    /** A {@code jiti server} started by {@link #server}, and the URL it listens on. */
    record Server(Process process, String url) {
    }

    /**
     * Starts {@code jiti server --port 0 ARGS}, its output in {@code log}, and waits (at most a minute) until it
     * says where it listens; fails the test if it ends before.
     */
    Server server(Path log, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("server", "--port", "0"));
        all.addAll(List.of(args));
        Process process = start(log, all.toArray(String[]::new));
        java.util.regex.Pattern listening = java.util.regex.Pattern.compile("listening on (http://\\S+)");
        String[] url = new String[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            java.util.regex.Matcher m = listening.matcher(Files.readString(log));
            if (m.find()) {
                url[0] = m.group(1);
                return true;
            }
            org.assertj.core.api.Assertions.assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
            return false;
        });
        return new Server(process, url[0]);
    }

    /** Runs {@code jiti ARGS} to completion (at most two minutes). */
    Result run(String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(home, "out", ".log");
        Process p = start(log, args);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("jiti " + String.join(" ", args) + " did not finish: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}

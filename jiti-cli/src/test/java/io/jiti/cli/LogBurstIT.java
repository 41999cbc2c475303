package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job that writes 300 MB of output at once: it ends succeeded, another stack's service keeps logging
 * meanwhile, the agent survives (same process, no OutOfMemoryError) and every line is in the job's log
 * exactly once, whole.
 */
class LogBurstIT {
    private static final Path HELLO = Path.of("../examples/hello").toAbsolutePath().normalize();
    /** About 300 MB of numbered lines (8-9 digits each). */
    private static final long LINES = 33_000_000;
    private Path home;
    private Path steady;
    private Path burst;
    private JitiProcess jiti;

    @BeforeEach
    void setUp() throws Exception {
        home = io.jiti.testkit.TestDirs.create("jiti-burst-it");
        steady = io.jiti.testkit.TestDirs.create("jiti-steady");
        burst = io.jiti.testkit.TestDirs.create("jiti-burst");
        Files.copy(HELLO.resolve("Hello.java"), steady.resolve("Hello.java"));
        Files.writeString(steady.resolve("jiti.yaml"), """
                stack: steady
                particles:
                  - name: build
                    type: job
                    spec: {command: javac -d build Hello.java}
                  - name: web
                    type: service
                    dependsOn: [build]
                    spec:
                      command: "while :; do echo tick; sleep 0.1; done & exec java -cp build Hello"
                      health: /health
                """);
        Files.writeString(burst.resolve("jiti.yaml"), "stack: burst\nparticles:\n  - name: flood\n    type: job\n"
                + "    spec: {command: seq 0 " + (LINES - 1) + "}\n");
        // every line of the burst stays in one log file, so that the test can count them all
        jiti = new JitiProcess(home).env("JITI_LOG_MAX_BYTES", Long.toString(4L << 30));
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.run("down", "--force", burst.toString());
        jiti.downAndStopAgent(steady);
    }

    private Path steadyLog() throws Exception {
        try (Stream<Path> s = Files.list(home.resolve("stacks/steady/logs/web"))) {
            return s.filter(p -> p.getFileName().toString().matches("web-[0-9a-f]+\\.log")).findFirst().orElseThrow();
        }
    }

    @Test
    void aBurstOf300MegabytesLosesNoLineAndStallsNoOtherStack() throws Exception {
        assertThat(jiti.run("up", steady.toString()).code()).isZero();
        long agent = JsonOut.MAPPER.readTree(home.resolve("agent/agent.json").toFile()).path("pid").asLong();
        Path steadyLog = steadyLog();
        Path raw = home.resolve("stacks/burst/logs/flood/raw/run.out");
        JitiProcess.Result up = jiti.run("up", burst.toString());
        assertThat(up.code()).as(up.out()).isZero();
        JitiProcess.Result status = jiti.run("status", "--json", burst.toString());
        assertThat(JsonOut.MAPPER.readTree(status.out()).path("particles").get(0).path("state").asText())
                .isEqualTo("succeeded");
        // while the agent collects the burst, the other stack's lines keep arriving, second by second
        long lastSize = Files.size(steadyLog);
        int seconds = 0;
        while (Files.exists(raw)) {
            long before = lastSize;
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.size(steadyLog) > before || !Files.exists(raw));
            lastSize = Files.size(steadyLog);
            seconds++;
        }
        assertThat(ProcessHandle.of(agent).map(ProcessHandle::isAlive)).contains(true);
        String agentLog = Files.readString(home.resolve("agent/agent.log"), StandardCharsets.UTF_8);
        assertThat(agentLog).doesNotContain("OutOfMemoryError").doesNotContain("failed:");
        long expected = 0;
        try (BufferedReader r = Files.newBufferedReader(home.resolve("stacks/burst/logs/flood/run.log"),
                StandardCharsets.US_ASCII)) {
            String line;
            while ((line = r.readLine()) != null) {
                long n = Long.parseLong(line.substring(line.indexOf(' ') + 1));
                if (n != expected) {
                    throw new AssertionError("line " + expected + " of the job is " + n + " in its log");
                }
                expected++;
            }
        }
        assertThat(expected).isEqualTo(LINES);
        assertThat(List.of(seconds)).as("seconds of collecting").isNotEmpty();
    }
}

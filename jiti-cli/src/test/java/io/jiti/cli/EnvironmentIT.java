package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the shell that runs jiti has reaches no child: only what the stack says, plus a minimal base. */
class EnvironmentIT {
    private static final Path HELLO = Path.of("../examples/hello").toAbsolutePath().normalize();
    private static final String SHELL_SECRET = "shell-only-3f1c9a";
    private static final String SUPPLIED = "supplied-token-77d2e0";
    private Path home;
    private Path app;
    private JitiProcess jiti;

    @BeforeEach
    void setUp() throws Exception {
        home = io.jiti.testkit.TestDirs.create("jiti-env-it");
        app = io.jiti.testkit.TestDirs.create("jiti-env-app");
        Files.copy(HELLO.resolve("Hello.java"), app.resolve("Hello.java"));
        Files.writeString(app.resolve("jiti.yaml"), """
                stack: env-it
                particles:
                  - name: token
                    type: secret
                    protect: false
                    spec: {fromEnv: SRC_TOKEN}
                  - name: build
                    type: job
                    spec: {command: javac -d build Hello.java}
                  - name: dump
                    type: job
                    spec:
                      command: env > job.env
                      env: {TOKEN: "${token.value}"}
                  - name: web
                    type: service
                    dependsOn: [build]
                    spec:
                      command: env > web-$JITI_INSTANCE.env; exec java -cp build Hello
                      instances: 1
                      health: /health
                """);
        jiti = new JitiProcess(home).env("UNRELATED_SHELL_SECRET", SHELL_SECRET).env("SRC_TOKEN", SUPPLIED);
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.downAndStopAgent(app);
    }

    @Test
    void aVariableOfTheShellReachesNoChildAndTheAgentKeepsNone() throws Exception {
        JitiProcess.Result up = jiti.run("up", app.toString());
        assertThat(up.code()).as(up.out()).isZero();
        String job = Files.readString(app.resolve("job.env"), StandardCharsets.UTF_8);
        assertThat(job).contains("TOKEN=" + SUPPLIED + "\n"); // what the stack asked for, and only that
        List<Path> dumps = new ArrayList<>(List.of(app.resolve("job.env")));
        try (Stream<Path> files = Files.list(app)) {
            files.filter(p -> p.getFileName().toString().startsWith("web-")).forEach(dumps::add);
        }
        assertThat(dumps).hasSize(2);
        long agent = JsonOut.MAPPER.readTree(home.resolve("agent/agent.json").toFile()).path("pid").asLong();
        dumps.add(Path.of("/proc", Long.toString(agent), "environ"));
        for (Path dump : dumps) {
            String env = Files.readString(dump, StandardCharsets.ISO_8859_1).replace('\0', '\n');
            assertThat(env).as(dump.toString()).doesNotContain("UNRELATED_SHELL_SECRET").doesNotContain(SHELL_SECRET)
                    .doesNotContain("SRC_TOKEN").contains("PATH=");
            if (!dump.getFileName().toString().equals("job.env")) {
                assertThat(env).as(dump.toString()).doesNotContain(SUPPLIED);
            }
        }
    }
}

package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code jiti run} and {@code jiti psql}: a one-off process gets a particle's environment (secrets
 * included, in its environment only), runs in the caller's directory, and its exit code is the command's.
 */
class RunCommandIT {
    private Path home;
    private Path app;
    private JitiProcess jiti;

    @BeforeEach
    void setUp() throws IOException {
        home = io.jiti.testkit.TestDirs.create("jiti-run-it");
        app = io.jiti.testkit.TestDirs.create("jiti-run-app");
        Files.writeString(app.resolve("jiti.yaml"), """
                stack: run-it
                particles:
                  - name: db
                    type: postgres
                  - name: migrate
                    type: job
                    spec:
                      command: "true"
                      connect: [db]
                      env:
                        GREETING: hello from migrate
                  - name: note
                    type: file
                    spec:
                      content: x
                """);
        jiti = new JitiProcess(home).in(app);
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.downAndStopAgent(app);
    }

    @Test
    void aOneOffProcessGetsTheParticlesEnvironment() throws Exception {
        JitiProcess.Result up = jiti.run("up");
        assertThat(up.code()).as(up.out()).isZero();

        JitiProcess.Result job = jiti.run("run", "migrate", "--", "sh", "-c",
                "echo \"$GREETING|$SPRING_DATASOURCE_URL|$PGUSER|${#PGPASSWORD}|$(pwd)\"");
        assertThat(job.code()).as(job.out()).isZero();
        String[] f = job.out().strip().split("\\|");
        assertThat(f[0]).isEqualTo("hello from migrate");
        assertThat(f[1]).startsWith("jdbc:postgresql://127.0.0.1:").contains("sslmode=verify-full");
        assertThat(f[2]).isEqualTo("db");
        assertThat(Integer.parseInt(f[3])).as("a password, not printed by jiti").isGreaterThanOrEqualTo(16);
        assertThat(Path.of(f[4]).toRealPath()).isEqualTo(app.toRealPath());

        assertThat(jiti.run("run", "db", "--", "sh", "-c", "exit 7").code()).as("the command's exit code").isEqualTo(7);
        JitiProcess.Result file = jiti.run("run", "note", "--", "true");
        assertThat(file.code()).isEqualTo(1);
        assertThat(file.out()).contains("offer no environment");
        assertThat(jiti.run("run", "nope", "--", "true").out()).contains("no particle 'nope'");

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql is not installed");
        JitiProcess.Result psql = jiti.run("psql", "db", "-A", "-t", "-c", "select 40 + 2");
        assertThat(psql.code()).as(psql.out()).isZero();
        assertThat(psql.out().strip()).isEqualTo("42");
    }
}

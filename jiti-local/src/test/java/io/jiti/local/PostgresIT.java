package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import io.jiti.spi.Instance;
import io.jiti.spi.Observed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL server on a real agent, used by Debian's {@code psql} (a client no one here wrote)
 * with the particle's outputs; its data survives {@code down}/{@code up} and an agent crash.
 */
class PostgresIT {

    /** The database, and a job that runs {@code sql} with psql and writes what it prints to {@code out}. */
    private static Stack stack(Path dir, String job, String sql) {
        String yaml = """
                stack: pg-it
                particles:
                  - name: db
                    type: postgres
                    spec:
                      initSql: CREATE TABLE orders (id serial PRIMARY KEY, item text NOT NULL)
                  - name: %s
                    type: job
                    spec:
                      command: psql -X -q -t -A -v ON_ERROR_STOP=1 -c "%s" > %s/%s.out
                      env:
                        PGHOST: ${db.host}
                        PGPORT: ${db.port}
                        PGDATABASE: ${db.database}
                        PGUSER: ${db.username}
                        PGPASSWORD: ${db.password}
                """.formatted(job, sql, dir, job);
        return StackLoader.builtIn().parse(yaml, "jiti.yaml", dir);
    }

    @Test
    void psqlUsesTheOutputsAndTheDataOutlivesDownAndAnAgentCrash() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql is not installed");
        Path dir = Files.createTempDirectory("jiti-pg");
        try (AgentFixture f = new AgentFixture()) {
            f.track("pg-it");
            ApplyReport up = f.reconciler().apply(stack(dir, "insert",
                    "INSERT INTO orders (item) VALUES ('book') RETURNING id"));
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("insert.out")));
            assertThat(Files.readString(dir.resolve("insert.out")).trim()).isEqualTo("1");
            assertThat(up.output("db", "url")).asString().startsWith("jdbc:postgresql://127.0.0.1:");
            assertThat(up.output("db", "password")).isEqualTo("jiti-secret:pg-it/db/password");

            // down keeps the protected database, stopped; up starts it again with the same data
            assertThat(f.reconciler().destroy("pg-it").ok()).isTrue();
            Observed stopped = f.reconciler().observe("pg-it").get("db");
            assertThat(stopped.instances()).isEmpty();
            assertThat(stopped.message()).contains("stopped");
            ApplyReport again = f.reconciler().apply(stack(dir, "count", "SELECT count(*) FROM orders"));
            assertThat(again.ok()).as("%s", again.problems()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("count.out")));
            assertThat(Files.readString(dir.resolve("count.out")).trim()).isEqualTo("1");

            // kill -9 of the agent: the server keeps running and the next agent adopts it
            long server = f.reconciler().observe("pg-it").get("db").instances().get(0).pid();
            long agentPid = f.provider.agent().running().orElseThrow().pid();
            ProcessHandle.of(agentPid).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !ProcessHandle.of(agentPid).map(ProcessHandle::isAlive).orElse(false));
            await().atMost(Duration.ofSeconds(20)).until(() -> f.reconciler().observe("pg-it").get("db")
                    .status() == Observed.Status.READY);
            assertThat(f.reconciler().observe("pg-it").get("db").instances()).extracting(Instance::pid)
                    .containsExactly(server);

            // down --force removes the server and its data directory
            Reconciler force = new Reconciler(f.provider, ApplyListener.none(), ApplyOptions.defaults().withForce(true));
            assertThat(force.destroy("pg-it").ok()).isTrue();
            assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(f.home.resolve("stacks/pg-it/run/db")).doesNotExist();
        }
    }
}

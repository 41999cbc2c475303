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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        Path dir = io.jiti.testkit.TestDirs.create("jiti-pg");
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

    /** What {@link #tlsStack}'s job runs: psql three ways, each printing what it got and its exit code. */
    private static final String CHECK = """
            q="SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
            psql -X -t -A -c "$q" "$DATABASE_URL" > "$1/verified-$3.out" 2>&1
            echo "exit=$?" >> "$1/verified-$3.out"
            psql -X -t -A -c "$q" "host=$PGHOST port=$PGPORT dbname=$PGDATABASE user=$PGUSER sslmode=disable" \
                > "$1/plain-$3.out" 2>&1
            echo "exit=$?" >> "$1/plain-$3.out"
            psql -X -t -A -c "$q" "host=$PGHOST port=$PGPORT dbname=$PGDATABASE user=$PGUSER sslmode=verify-full \
                sslrootcert=$2" > "$1/untrusting-$3.out" 2>&1
            echo "exit=$?" >> "$1/untrusting-$3.out"
            echo "$DATABASE_URL" | sed 's/:[^:@]*@/:(password)@/' > "$1/url-$3.out"
            """;

    /** The database and a job that connects to it and runs {@link #CHECK} (round {@code round}). */
    private static Stack tlsStack(Path dir, Path otherCa, int round) {
        String yaml = """
                stack: pg-tls
                particles:
                  - name: db
                    type: postgres
                  - name: check
                    type: job
                    spec:
                      command: sh %s/check.sh %s %s %d
                      connect: [db]
                """.formatted(dir, dir, otherCa, round);
        return StackLoader.builtIn().parse(yaml, "jiti.yaml", dir);
    }

    @Test
    void overTcpOnlyVerifiedTlsAlsoAfterTheCaRotates() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql is not installed");
        Path dir = io.jiti.testkit.TestDirs.create("jiti-pg-tls");
        Files.writeString(dir.resolve("check.sh"), CHECK);
        try (AgentFixture f = new AgentFixture()) {
            f.track("pg-tls");
            Path otherCa = io.jiti.local.tls.LocalCa.of(new Home(dir.resolve("other-home"))).certificateFile();
            ApplyReport up = f.reconciler().apply(tlsStack(dir, otherCa, 1));
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            assertThat(up.output("db", "url")).asString().contains("?sslmode=verify-full&sslrootcert=/");
            assertThat(up.output("db", "sslrootcert")).isEqualTo(f.home.resolve("agent/ca/ca.crt").toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("url-1.out")));
            assertThat(Files.readString(dir.resolve("url-1.out"))).contains("?sslmode=verify-full&sslrootcert=");
            // psql with DATABASE_URL: verified TLS; without TLS: no entry in pg_hba.conf; trusting another CA: refused
            assertThat(Files.readString(dir.resolve("verified-1.out"))).startsWith("t|TLSv1.3").contains("exit=0");
            assertThat(Files.readString(dir.resolve("plain-1.out"))).contains("no encryption").contains("exit=2");
            assertThat(Files.readString(dir.resolve("untrusting-1.out"))).contains("certificate verify failed")
                    .contains("exit=2");

            // a new CA: the server reloads a certificate of it (same process); the old CA is refused
            long server = f.reconciler().observe("pg-tls").get("db").instances().get(0).pid();
            Path oldCa = Files.copy(f.home.resolve("agent/ca/ca.crt"), dir.resolve("old-ca.crt"));
            f.provider.rotateCertificateAuthority();
            ApplyReport again = f.reconciler().apply(tlsStack(dir, oldCa, 2));
            assertThat(again.ok()).as("%s", again.problems()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("url-2.out")));
            assertThat(Files.readString(dir.resolve("verified-2.out"))).startsWith("t|TLSv1.3").contains("exit=0");
            assertThat(Files.readString(dir.resolve("untrusting-2.out"))).contains("certificate verify failed")
                    .contains("exit=2");
            assertThat(f.reconciler().observe("pg-tls").get("db").instances()).extracting(Instance::pid)
                    .containsExactly(server);
            Reconciler force = new Reconciler(f.provider, ApplyListener.none(), ApplyOptions.defaults().withForce(true));
            assertThat(force.destroy("pg-tls").ok()).isTrue();
        }
    }

    /** The database, a service committing to it through {@code connect}, and a psql job reading it back. */
    private static Stack ledger(Path dir, String writerState, String reader) {
        String yaml = """
                stack: pg-kill
                particles:
                  - name: ledger-db
                    type: postgres
                    spec:
                      initSql: CREATE TABLE ledger (v bigint NOT NULL)
                  - name: writer
                    type: service
                    state: %s
                    spec:
                      command: 'java -cp %s %s %s/acknowledged.txt'
                      connect: [ledger-db]
                """.formatted(writerState, System.getProperty("java.class.path"), CommittingService.class.getName(), dir)
                + (reader == null ? "" : """
                  - name: %s
                    type: job
                    spec:
                      command: psql -X -q -t -A -v ON_ERROR_STOP=1 -c "SELECT v FROM ledger" > %s/%s.out
                      connect: [ledger-db]
                """.formatted(reader, dir, reader));
        return StackLoader.builtIn().parse(yaml, "jiti.yaml", dir);
    }

    @Test
    void noAcknowledgedCommitIsLostWhenTheAgentAndTheServerAreKilledMidWrite() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql is not installed");
        Path dir = io.jiti.testkit.TestDirs.create("jiti-pg-kill");
        Path acknowledged = dir.resolve("acknowledged.txt");
        try (AgentFixture f = new AgentFixture()) {
            f.track("pg-kill");
            ApplyReport up = f.reconciler().apply(ledger(dir, "running", null));
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> lines(acknowledged).size() >= 200);

            // SIGKILL of the agent and, in the same moment, of the whole server (postmaster and backends)
            long server = f.reconciler().observe("pg-kill").get("ledger-db").instances().get(0).pid();
            long agentPid = f.provider.agent().running().orElseThrow().pid();
            ProcessHandle.of(agentPid).orElseThrow().destroyForcibly();
            assertThat(new ProcessBuilder("kill", "-KILL", "--", "-" + server).start().waitFor()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> !alive(agentPid) && !alive(server));
            Set<String> beforeCrash = new HashSet<>(lines(acknowledged));

            // a new agent (started by the next call) restarts the server, which recovers from its WAL;
            // the writer, which survived, reconnects and commits again
            await().atMost(Duration.ofSeconds(60)).until(() -> f.reconciler().observe("pg-kill").get("ledger-db")
                    .status() == Observed.Status.READY);
            assertThat(f.reconciler().observe("pg-kill").get("ledger-db").instances().get(0).pid()).isNotEqualTo(server);
            int resumedFrom = lines(acknowledged).size();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> lines(acknowledged).size() >= resumedFrom + 100);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the writer did not resume: " + resumedFrom + " -> " + lines(acknowledged).size()
                        + "\n" + logs(f.home.resolve("stacks/pg-kill/logs")), e);
            }

            // stop the writer, then read every committed row back with psql
            ApplyReport read = f.reconciler().apply(ledger(dir, "stopped", "reader"));
            assertThat(read.ok()).as("%s", read.problems()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("reader.out")));
            Set<String> inDatabase = new HashSet<>(lines(dir.resolve("reader.out")));
            List<String> all = lines(acknowledged);
            assertThat(beforeCrash).hasSizeGreaterThanOrEqualTo(200);
            System.out.printf("pg-kill: %d commits acknowledged before the crash, %d in all, %d rows read back%n",
                    beforeCrash.size(), all.size(), inDatabase.size());
            List<String> lost = all.stream().filter(v -> !inDatabase.contains(v)).toList();
            assertThat(lost).as("acknowledged as committed, missing after the crash (of %d acknowledged, %d before it)",
                    all.size(), beforeCrash.size()).isEmpty();
        }
    }

    /** Every log under {@code dir}, for failure messages. */
    private static String logs(Path dir) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.append("== ").append(dir.relativize(p)).append('\n').append(Files.readString(p,
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return out.toString();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static List<String> lines(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }
}

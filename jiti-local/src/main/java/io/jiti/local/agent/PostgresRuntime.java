package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.ChildEnvironment;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import io.jiti.local.tls.LocalCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A {@code postgres}: a real PostgreSQL server from the binaries shipped in jiti, its data directory
 * under {@code JITI_HOME/stacks/STACK/run/NAME/data}, listening on a stable loopback port. The cluster is
 * made once by {@code initdb} with a generated password (sealed in the {@link SecretStore}); the server
 * runs in its own session like any instance, is re-adopted after an agent restart, restarted if it dies,
 * and stopped with PostgreSQL's fast shutdown. Its databases are created when missing; {@code initSql}
 * runs once, in the first database, right after the cluster is made.
 *
 * <p>Over TCP it speaks TLS only ({@code hostssl} in {@code pg_hba.conf}), with a certificate for loopback
 * from the home's CA (renewed, and reloaded with {@code SIGHUP}, at {@code jiti ca rotate}); its outputs
 * ask clients to verify it ({@code sslmode=verify-full} with the CA's file), and so does the agent itself:
 * a process squatting the port gets no password.
 */
final class PostgresRuntime extends ServerRuntime {
    static final String PASSWORD = "password";
    /** Client authentication: the password (SCRAM) always, and over TCP only a TLS connection. */
    private static final String HBA = """
            # Written by jiti at every start of the server: over TCP only TLS connections.
            # TYPE  DATABASE USER ADDRESS        METHOD
            local   all      all                 scram-sha-256
            hostssl all      all  127.0.0.1/32   scram-sha-256
            hostssl all      all  ::1/128        scram-sha-256
            """;

    PostgresRuntime(Home home, RecordStore store, SecretStore secrets, io.jiti.local.lb.Balancers balancers,
            ParticleRecord rec) {
        super(home, store, secrets, balancers, rec);
    }

    private Path data() {
        return dir().resolve("data");
    }

    /** The role: the particle name as an SQL-friendly identifier ({@code -} and a member's {@code .} as {@code _}). */
    private String user() {
        return rec.name().replace('-', '_').replace('.', '_');
    }

    private List<String> databases() {
        List<String> out = new ArrayList<>();
        if (rec.spec().get("databases") instanceof List<?> l) {
            l.forEach(d -> out.add(String.valueOf(d)));
        }
        if (out.isEmpty()) {
            out.add(user());
        }
        return out;
    }

    @Override
    protected String stopSignal() {
        return "INT"; // PostgreSQL's fast shutdown
    }

    @Override
    protected void layOut() {
        if (!Files.exists(data().resolve("PG_VERSION"))) {
            initdb();
        }
        try {
            DurableFiles.writeAtomically(data().resolve("pg_hba.conf"), HBA);
            writeCertificate();
        } catch (IOException e) {
            throw new JitiException("cannot lay out the TLS files of " + rec.name() + ": " + e.getMessage(), e);
        }
    }

    private Path tls() {
        return dir().resolve("tls");
    }

    /** The server's own copy of the loopback certificate (PostgreSQL wants its key file private to it). */
    private void writeCertificate() throws IOException {
        LocalCa.ServerCertificate cert = LocalCa.of(home).server();
        DurableFiles.writeAtomically(tls().resolve("server.key"), cert.keyPem());
        DurableFiles.writeAtomically(tls().resolve("server.crt"), cert.chainPem());
    }

    @Override
    public synchronized void renewCertificate() {
        super.renewCertificate();
        if (Files.exists(tls().resolve("server.crt"))) {
            try {
                writeCertificate();
            } catch (IOException e) {
                throw new JitiException("cannot renew the certificate of " + rec.name() + ": " + e.getMessage(), e);
            }
            signalServer("HUP"); // PostgreSQL reads its TLS files again on a reload
        }
    }

    private void initdb() {
        Path bin = PgBinaries.ensure(home).resolve("bin");
        String password = ownSecret(PASSWORD, "alphanumeric", 32);
        Path pwfile = dir().resolve(".pwfile");
        try {
            DurableFiles.deleteTree(data());
            DurableFiles.writeAtomically(pwfile, password + "\n");
            List<String> argv = new ArrayList<>(asServerUser());
            argv.addAll(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", user(),
                    "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C"));
            Files.createDirectories(logs.rawFile("server").getParent());
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.rawFile("server").toFile()));
            ChildEnvironment.apply(pb, ChildEnvironment.forRun(System.getenv()), Map.of());
            Process p = pb.start();
            if (p.waitFor() != 0) {
                throw new JitiException("initdb failed with exit code " + p.exitValue() + " (see: jiti logs " + rec.name() + ")");
            }
            events.add("created the cluster in " + data());
        } catch (IOException e) {
            throw new JitiException("cannot create the cluster of " + rec.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JitiException("interrupted while creating the cluster of " + rec.name(), e);
        } finally {
            try {
                Files.deleteIfExists(pwfile);
            } catch (IOException e) {
                // the next start removes it again
            }
        }
    }

    /** PostgreSQL refuses to run as root; as root it runs in a user namespace as an ordinary uid. */
    private static List<String> asServerUser() {
        return "root".equals(System.getProperty("user.name"))
                ? List.of("unshare", "--user", "--map-user=1", "--map-group=1") : List.of();
    }

    @Override
    protected List<String> command(int port) {
        Path bin = PgBinaries.ensure(home).resolve("bin");
        List<String> argv = new ArrayList<>(asServerUser());
        argv.addAll(List.of(bin.resolve("postgres").toString(), "-D", data().toString(), "-p",
                String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c",
                "unix_socket_directories=" + dir(), "-c", "unix_socket_permissions=0700", "-c", "logging_collector=off",
                "-c", "ssl=on", "-c", "ssl_cert_file=" + tls().resolve("server.crt"),
                "-c", "ssl_key_file=" + tls().resolve("server.key"), "-c", "ssl_min_protocol_version=TLSv1.2"));
        return argv;
    }

    /** Once the server answers: the databases it should have, and initSql on a new cluster. */
    @Override
    protected boolean ready() {
        String password = secrets.get(rec.stack(), rec.name(), PASSWORD)
                .orElseThrow(() -> new JitiException("the password of " + rec.name() + " is missing from the store"));
        Properties props = new Properties();
        props.setProperty("user", user());
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "2");
        props.setProperty("loginTimeout", "2");
        props.setProperty("sslmode", "verify-full");
        props.setProperty("sslrootcert", LocalCa.certificateFile(home).toString());
        String base = "jdbc:postgresql://127.0.0.1:" + rec.lbPort() + "/";
        try (Connection c = DriverManager.getConnection(base + "postgres", props); Statement s = c.createStatement();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            for (String db : databases()) {
                exists.setString(1, db);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        // a name the schema allows ([a-z_][a-z0-9_]*), quoted; CREATE DATABASE takes no parameters
                        s.execute("CREATE DATABASE \"" + db + "\"");
                        events.add("created database " + db);
                    }
                }
            }
        } catch (SQLException e) {
            if ("57P03".equals(e.getSQLState()) || "08001".equals(e.getSQLState())) {
                return false; // starting up: the next tick tries again
            }
            if (String.valueOf(e.getMessage()).contains("does not support SSL")) {
                // adopted from a jiti that served it without TLS: restart it with its TLS settings
                events.add("restarting the server to serve TLS");
                signalServer(stopSignal());
                return false;
            }
            throw new JitiException("cannot prepare " + rec.name() + ": " + e.getMessage(), e);
        }
        Path initDone = dir().resolve("init-sql.done");
        String initSql = rec.text("initSql", null);
        if (initSql != null && !Files.exists(initDone)) {
            try (Connection c = DriverManager.getConnection(base + databases().get(0), props);
                 Statement s = c.createStatement()) {
                s.execute(initSql);
                DurableFiles.writeAtomically(initDone, rec.specHash());
                events.add("ran initSql in " + databases().get(0));
            } catch (SQLException | IOException e) {
                throw new JitiException("initSql of " + rec.name() + " failed: " + e.getMessage(), e);
            }
        }
        return true;
    }

    @Override
    protected Map<String, Object> outputs(ParticleRecord r) {
        String db = databases().get(0);
        Map<String, Object> outputs = new LinkedHashMap<>();
        Path ca = LocalCa.certificateFile(home);
        String ssl = "sslmode=verify-full&sslrootcert=" + UriQuery.encode(ca.toString());
        outputs.put("url", "jdbc:postgresql://127.0.0.1:" + r.lbPort() + "/" + db + "?" + ssl);
        outputs.put("host", "127.0.0.1");
        outputs.put("port", r.lbPort());
        outputs.put("database", db);
        outputs.put("username", user());
        outputs.put(PASSWORD, SecretRef.of(r.stack(), r.name(), PASSWORD));
        outputs.put("sslmode", "verify-full");
        outputs.put("sslrootcert", ca.toString());
        outputs.put("ssl", ssl);
        return outputs;
    }
}

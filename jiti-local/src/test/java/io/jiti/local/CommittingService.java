package io.jiti.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;

/**
 * A service that commits to PostgreSQL without pause: one row per transaction, found through the
 * connection variables only: Spring Boot's ({@code SPRING_DATASOURCE_URL}, {@code _USERNAME}, {@code _PASSWORD})
 * for its writes, once {@code JDBC_DATABASE_URL} (credentials in the URL) has connected too. After each commit returns, it appends the row's value to
 * {@code ARG0} (one per line): every value in that file was acknowledged as committed. When the server
 * goes away it reconnects and goes on. Serves {@code GET /} on {@code $PORT} so that it counts as healthy.
 */
public final class CommittingService {
    private CommittingService() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
        for (boolean connected = false; !connected; ) { // the URL with the credentials in it connects too
            try (Connection c = DriverManager.getConnection(System.getenv("JDBC_DATABASE_URL"))) {
                connected = c.createStatement().execute("SELECT 1");
            } catch (java.sql.SQLException e) {
                System.err.println("JDBC_DATABASE_URL does not connect (yet): " + e.getMessage());
                LockSupport.parkNanos(200_000_000L);
            }
        }
        Path acknowledged = Path.of(args[0]);
        long next = Files.exists(acknowledged) ? Files.readAllLines(acknowledged).size() + 1 : 1;
        try (Writer out = Files.newBufferedWriter(acknowledged, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            while (true) {
                try (Connection c = DriverManager.getConnection(System.getenv("SPRING_DATASOURCE_URL"),
                        System.getenv("SPRING_DATASOURCE_USERNAME"), System.getenv("SPRING_DATASOURCE_PASSWORD"));
                     PreparedStatement insert = c.prepareStatement("INSERT INTO ledger (v) VALUES (?)")) {
                    c.setAutoCommit(false);
                    while (true) {
                        insert.setLong(1, next);
                        insert.executeUpdate();
                        c.commit();
                        out.write(next + "\n");
                        out.flush();
                        next++;
                    }
                } catch (SQLException e) {
                    // the server is gone (or not back yet): the transaction in flight was not acknowledged
                    // (it may or may not have committed; the ledger has no key, so a retry of it is harmless)
                    LockSupport.parkNanos(50_000_000L);
                }
            }
        }
    }
}

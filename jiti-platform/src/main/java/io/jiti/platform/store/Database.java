package io.jiti.platform.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jiti.platform.PlatformException;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform's database: embedded H2 in a file (the default) or PostgreSQL, through a bounded pool, its
 * schema migrated with Flyway at open.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Store store;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        Flyway.configure().dataSource(pool).locations("classpath:io/jiti/platform/migration").load().migrate();
        this.store = new JdbiStore(Jdbi.create(pool));
    }

    /** The embedded database in {@code dir} ({@code platform.mv.db}). */
    public static Database embedded(Path dir) {
        return open("jdbc:h2:file:" + dir.resolve("platform").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", null, null);
    }

    /**
     * The database at {@code url} ({@code jdbc:h2:…} or {@code jdbc:postgresql:…}), with these credentials. An
     * H2 URL gets {@code WRITE_DELAY=0} unless it says otherwise: H2 otherwise writes commits to its file up to a
     * second later, and a killed server would lose them (a deployment it had started would be forgotten).
     */
    public static Database open(String url, String user, String password) {
        if (url == null || !(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"))) {
            throw PlatformException.badInput("database", "the database is a jdbc:postgresql://… or jdbc:h2:… URL");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durable(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        config.setPoolName("jiti-platform");
        return new Database(new HikariDataSource(config));
    }

    private static String durable(String url) {
        boolean h2 = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
        return h2 && !url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY") ? url + ";WRITE_DELAY=0" : url;
    }

    /** The store over this database. */
    public Store store() {
        return store;
    }

    @Override
    public void close() {
        pool.close();
    }
}

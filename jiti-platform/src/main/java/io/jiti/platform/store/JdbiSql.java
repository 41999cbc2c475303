package io.jiti.platform.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.Update;

/** Where the store's statements run: a handle of their own, or the one of the transaction they belong to. */
final class JdbiSql {
    private static final String UNIQUE_VIOLATION = "23505";
    private final Jdbi jdbi;
    private final Handle bound;

    JdbiSql(Jdbi jdbi, Handle bound) {
        this.jdbi = jdbi;
        this.bound = bound;
    }

    <T> T with(HandleCallback<T, RuntimeException> work) {
        return bound != null ? work.withHandle(bound) : jdbi.withHandle(work);
    }

    /** Runs {@code work} in a transaction (the one this is bound to, or a new one). */
    <T> T transaction(Function<JdbiSql, T> work) {
        if (bound != null) {
            return work.apply(this);
        }
        return jdbi.inTransaction(h -> work.apply(new JdbiSql(jdbi, h)));
    }

    /** Runs an insert; false when it breaks a unique key. */
    boolean insert(Function<Handle, Update> statement) {
        try {
            return with(h -> statement.apply(h).execute()) == 1;
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }
}

package io.jiti.platform.store;

import io.jiti.platform.model.MetricSample;
import io.jiti.platform.model.Target;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The store's metric samples. */
final class MetricSql {
    private final JdbiSql sql;

    MetricSql(JdbiSql sql) {
        this.sql = sql;
    }

    void insertSamples(List<MetricSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        sql.transaction(tx -> tx.with(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO metric_samples (target, at, rps, p99_ms, error_rate, instances)"
                    + " VALUES (:target, :at, :rps, :p99, :errors, :instances)");
            for (MetricSample s : samples) {
                batch.bind("target", s.target().toString()).bind("at", JdbiSql.millis(s.at()))
                        .bind("rps", s.requestsPerSecond()).bind("p99", s.latencyP99Ms()).bind("errors", s.errorRate())
                        .bind("instances", s.instances()).add();
            }
            return batch.execute().length;
        }));
    }

    List<MetricSample> samples(Target target, Instant since, int limit) {
        return sql.with(h -> h.createQuery("SELECT * FROM (SELECT * FROM metric_samples WHERE target = :target"
                        + " AND at >= :since ORDER BY at DESC LIMIT :limit) s ORDER BY at")
                .bind("target", target.toString()).bind("since", JdbiSql.millis(since)).bind("limit", limit)
                .map((rs, ctx) -> new MetricSample(Target.parse("target", rs.getString("target")),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getDouble("rps"), rs.getDouble("p99_ms"),
                        rs.getDouble("error_rate"), rs.getInt("instances"))).list());
    }

    int pruneSamples(Instant before) {
        return sql.with(h -> h.createUpdate("DELETE FROM metric_samples WHERE at < :before")
                .bind("before", JdbiSql.millis(before)).execute());
    }
}

package io.jiti.platform.store;

import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Target;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The store's deployment rows: the queue the worker claims from, and each row's plan, log and end. */
final class DeploymentSql {
    /** A deployment's log stops growing here (the rest is in the server's own log). */
    private static final int LOG_LIMIT = 400_000;
    private final JdbiSql sql;

    DeploymentSql(JdbiSql sql) {
        this.sql = sql;
    }

    Deployment insertDeployment(Deployment d) {
        long id = sql.with(h -> h.createUpdate("INSERT INTO deployments (target, template, major, minor, inputs, components,"
                        + " inputs_hash, cause, requested_by, status, cancel, created, plan, log, message, commit_id) VALUES"
                        + " (:target, :template, :major, :minor, :inputs, :components, :hash, :cause, :by, :status, FALSE,"
                        + " :created, :plan, :log, :message, :commit)")
                .bind("target", d.target().toString()).bind("template", d.template())
                .bind("major", d.version().major()).bind("minor", d.version().minor())
                .bind("inputs", Json.write(d.inputs())).bind("components", Json.write(d.components()))
                .bind("hash", d.inputsHash()).bind("cause", d.cause()).bind("by", d.requestedBy())
                .bind("status", d.status().word()).bind("created", JdbiSql.millis(d.created())).bind("plan", d.plan())
                .bind("log", d.log()).bind("message", d.message()).bind("commit", d.commit())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return deployment(id).orElseThrow();
    }

    Optional<Deployment> deployment(long id) {
        return sql.with(h -> h.createQuery("SELECT * FROM deployments WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Rows.deployment(rs)).findOne());
    }

    List<Deployment> deployments(Target target, long before, int limit) {
        return sql.with(h -> h.createQuery("SELECT * FROM deployments WHERE id < :before"
                        + (target == null ? "" : " AND target = :target") + " ORDER BY id DESC LIMIT :limit")
                .bind("before", before <= 0 ? Long.MAX_VALUE : before)
                .bind("target", target == null ? null : target.toString()).bind("limit", limit)
                .map((rs, ctx) -> Rows.deployment(rs)).list());
    }

    Optional<Deployment> lastSucceeded(Target target, long before) {
        return sql.with(h -> h.createQuery("SELECT * FROM deployments WHERE target = :target AND status = 'succeeded'"
                        + " AND id < :before ORDER BY id DESC LIMIT 1")
                .bind("target", target.toString()).bind("before", before <= 0 ? Long.MAX_VALUE : before)
                .map((rs, ctx) -> Rows.deployment(rs)).findOne());
    }

    Optional<Deployment> claimNext(Instant now) {
        return sql.transaction(tx -> tx.with(h -> {
            Optional<Long> id = h.createQuery("SELECT d.id FROM deployments d WHERE d.status = 'queued'"
                            + " AND NOT EXISTS (SELECT 1 FROM deployments o WHERE o.target = d.target"
                            + " AND (o.status = 'running' OR (o.status = 'queued' AND o.id < d.id)))"
                            + " ORDER BY d.id LIMIT 1")
                    .mapTo(Long.class).findOne();
            if (id.isEmpty()) {
                return Optional.<Deployment>empty();
            }
            int n = h.createUpdate("UPDATE deployments SET status = 'running', started = COALESCE(started, :now)"
                            + " WHERE id = :id AND status = 'queued'")
                    .bind("id", id.get()).bind("now", JdbiSql.millis(now)).execute();
            return n == 1 ? new DeploymentSql(tx).deployment(id.get()) : Optional.<Deployment>empty();
        }));
    }

    int requeueRunning() {
        return sql.with(h -> h.createUpdate("UPDATE deployments SET status = 'queued' WHERE status = 'running'").execute());
    }

    boolean finish(long id, DeploymentStatus status, String message, Instant now) {
        return sql.with(h -> h.createUpdate("UPDATE deployments SET status = :status, message = :message, finished = :now"
                        + " WHERE id = :id AND status IN ('queued', 'running')")
                .bind("status", status.word()).bind("message", message).bind("now", JdbiSql.millis(now)).bind("id", id)
                .execute()) == 1;
    }

    void setPlan(long id, String plan) {
        sql.with(h -> h.createUpdate("UPDATE deployments SET plan = :plan WHERE id = :id").bind("plan", plan).bind("id", id)
                .execute());
    }

    void appendLog(long id, String lines) {
        sql.with(h -> h.createUpdate("UPDATE deployments SET log = log || :lines WHERE id = :id AND LENGTH(log) < :limit")
                .bind("lines", lines).bind("id", id).bind("limit", LOG_LIMIT).execute());
    }

    void requestCancel(long id) {
        sql.with(h -> h.createUpdate("UPDATE deployments SET cancel = TRUE WHERE id = :id").bind("id", id).execute());
    }

    boolean cancelRequested(long id) {
        return sql.with(h -> h.createQuery("SELECT cancel FROM deployments WHERE id = :id").bind("id", id)
                .mapTo(Boolean.class).findOne().orElse(false));
    }
}

package io.jiti.platform.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.model.Pipeline;
import io.jiti.platform.model.Release;
import io.jiti.platform.model.ReleaseStatus;
import io.jiti.platform.model.Source;
import io.jiti.platform.model.Stage;
import io.jiti.platform.model.WebhookDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link DeliveryStore} over SQL. */
final class DeliverySql implements DeliveryStore {
    private final JdbiSql sql;

    DeliverySql(JdbiSql sql) {
        this.sql = sql;
    }

    @Override
    public void upsertSource(Source s, String secret) {
        sql.transaction(tx -> tx.with(h -> {
            h.createUpdate("DELETE FROM sources WHERE service = :s").bind("s", s.service()).execute();
            List<List<String>> rules = new ArrayList<>();
            s.branches().forEach((p, e) -> rules.add(List.of(p, e)));
            return h.createUpdate("INSERT INTO sources (service, url, path, branches, poll_seconds, settle_seconds,"
                            + " webhook_secret, created) VALUES (:s, :url, :path, :branches, :poll, :settle, :secret, :at)")
                    .bind("s", s.service()).bind("url", s.url()).bind("path", s.path()).bind("branches", Json.write(rules))
                    .bind("poll", s.pollSeconds()).bind("settle", s.settleSeconds()).bind("secret", secret)
                    .bind("at", JdbiSql.millis(s.created())).execute();
        }));
    }

    @Override
    public Optional<Source> source(String service) {
        return sql.with(h -> h.createQuery("SELECT * FROM sources WHERE service = :s").bind("s", service)
                .map((rs, ctx) -> source(rs)).findOne());
    }

    @Override
    public Optional<String> webhookSecret(String service) {
        return sql.with(h -> h.createQuery("SELECT webhook_secret FROM sources WHERE service = :s").bind("s", service)
                .mapTo(String.class).findOne());
    }

    @Override
    public List<Source> sources() {
        return sql.with(h -> h.createQuery("SELECT * FROM sources ORDER BY service").map((rs, ctx) -> source(rs)).list());
    }

    @Override
    public boolean deleteSource(String service) {
        return sql.with(h -> h.createUpdate("DELETE FROM sources WHERE service = :s").bind("s", service).execute()) == 1;
    }

    @Override
    public void upsertTemplateSource(io.jiti.platform.model.TemplateSource t, String secret) {
        sql.transaction(tx -> tx.with(h -> {
            h.createUpdate("DELETE FROM template_sources WHERE name = :n").bind("n", t.name()).execute();
            return h.createUpdate("INSERT INTO template_sources (name, url, branch, publish, poll_seconds, webhook_secret,"
                            + " created_by, created) VALUES (:n, :url, :branch, :publish, :poll, :secret, :by, :at)")
                    .bind("n", t.name()).bind("url", t.url()).bind("branch", t.branch()).bind("publish", t.publish())
                    .bind("poll", t.pollSeconds()).bind("secret", secret).bind("by", t.createdBy())
                    .bind("at", JdbiSql.millis(t.created())).execute();
        }));
    }

    @Override
    public Optional<io.jiti.platform.model.TemplateSource> templateSource(String name) {
        return sql.with(h -> h.createQuery("SELECT * FROM template_sources WHERE name = :n").bind("n", name)
                .map((rs, ctx) -> templateSource(rs)).findOne());
    }

    @Override
    public List<io.jiti.platform.model.TemplateSource> templateSources() {
        return sql.with(h -> h.createQuery("SELECT * FROM template_sources ORDER BY name")
                .map((rs, ctx) -> templateSource(rs)).list());
    }

    @Override
    public Optional<String> templateSourceSecret(String name) {
        return sql.with(h -> h.createQuery("SELECT webhook_secret FROM template_sources WHERE name = :n")
                .bind("n", name).mapTo(String.class).findOne());
    }

    private static io.jiti.platform.model.TemplateSource templateSource(ResultSet rs) throws SQLException {
        return new io.jiti.platform.model.TemplateSource(rs.getString("name"), rs.getString("url"), rs.getString("branch"),
                rs.getBoolean("publish"), rs.getInt("poll_seconds"), rs.getString("created_by"), Rows.instant(rs, "created"));
    }

    @Override
    public boolean insertDelivery(WebhookDelivery d) {
        return sql.insert(h -> h.createUpdate("INSERT INTO deliveries (service, via, delivery, branch, commit_id, result,"
                        + " reason, at) VALUES (:s, :via, :delivery, :branch, :commit, :result, :reason, :at)")
                .bind("s", d.service()).bind("via", d.via()).bind("delivery", d.delivery()).bind("branch", d.branch())
                .bind("commit", d.commit()).bind("result", d.result()).bind("reason", cut(d.reason(), 1000))
                .bind("at", JdbiSql.millis(d.at())));
    }

    @Override
    public boolean deliverySeen(String service, String delivery) {
        return sql.with(h -> h.createQuery("SELECT COUNT(*) FROM deliveries WHERE service = :s AND delivery = :d")
                .bind("s", service).bind("d", delivery).mapTo(Integer.class).one()) > 0;
    }

    @Override
    public void pruneDeliveries(String service, int keep) {
        sql.with(h -> h.createUpdate("DELETE FROM deliveries WHERE service = :s AND id <= (SELECT MAX(id) FROM deliveries"
                + " WHERE service = :s) - :keep").bind("s", service).bind("keep", keep).execute());
    }

    @Override
    public List<WebhookDelivery> deliveries(String service, long before, int limit) {
        return sql.with(h -> h.createQuery("SELECT * FROM deliveries WHERE service = :s AND (:before = 0 OR id < :before)"
                        + " ORDER BY id DESC LIMIT :limit").bind("s", service).bind("before", before).bind("limit", limit)
                .map((rs, ctx) -> new WebhookDelivery(rs.getLong("id"), rs.getString("service"), rs.getString("via"),
                        rs.getString("delivery"), rs.getString("branch"), rs.getString("commit_id"),
                        rs.getString("result"), rs.getString("reason"), Rows.instant(rs, "at"))).list());
    }

    @Override
    public Optional<String> branchHead(String service, String branch) {
        return sql.with(h -> h.createQuery("SELECT commit_id FROM branch_heads WHERE service = :s AND branch = :b")
                .bind("s", service).bind("b", branch).mapTo(String.class).findOne());
    }

    @Override
    public void setBranchHead(String service, String branch, String commit, Instant at) {
        sql.transaction(tx -> tx.with(h -> {
            h.createUpdate("DELETE FROM branch_heads WHERE service = :s AND branch = :b").bind("s", service)
                    .bind("b", branch).execute();
            return h.createUpdate("INSERT INTO branch_heads (service, branch, commit_id, at) VALUES (:s, :b, :c, :at)")
                    .bind("s", service).bind("b", branch).bind("c", commit).bind("at", JdbiSql.millis(at)).execute();
        }));
    }

    @Override
    public boolean quarantine(String service, String commit, String reason, Instant at) {
        return sql.insert(h -> h.createUpdate("INSERT INTO quarantine (service, commit_id, reason, at) VALUES (:s, :c,"
                + " :r, :at)").bind("s", service).bind("c", commit).bind("r", cut(reason, 1000))
                .bind("at", JdbiSql.millis(at)));
    }

    @Override
    public Optional<String> quarantined(String service, String commit) {
        return sql.with(h -> h.createQuery("SELECT reason FROM quarantine WHERE service = :s AND commit_id = :c")
                .bind("s", service).bind("c", commit).mapTo(String.class).findOne());
    }

    @Override
    public Release insertRelease(Release r) {
        return sql.transaction(tx -> tx.with(h -> {
            int number = h.createQuery("SELECT COALESCE(MAX(number), 0) + 1 FROM releases WHERE service = :s AND"
                    + " environment = :e").bind("s", r.service()).bind("e", r.environment()).mapTo(Integer.class).one();
            long id = h.createUpdate("INSERT INTO releases (service, environment, number, commit_id, branch, config_hash,"
                            + " major, minor, trigger_kind, triggered_by, deployment, status, note, git, settle_until,"
                            + " expires, decided_by, created, updated) VALUES (:s, :e, :n, :commit, :branch, :config, :major,"
                            + " :minor, :trigger, :by, :deployment, :status, :note, :git, :settle, :expires, :decided,"
                            + " :created, :created)")
                    .bind("s", r.service()).bind("e", r.environment()).bind("n", number).bind("commit", r.commit())
                    .bind("branch", r.branch()).bind("config", r.configHash()).bind("major", r.version().major())
                    .bind("minor", r.version().minor()).bind("trigger", r.trigger()).bind("by", cut(r.triggeredBy(), 100))
                    .bind("deployment", r.deployment()).bind("status", r.status().word()).bind("note", cut(r.note(), 2000))
                    .bind("git", cut(r.git(), 2000)).bind("settle", JdbiSql.millis(r.settleUntil())).bind("expires", JdbiSql.millis(r.expires()))
                    .bind("decided", r.decidedBy()).bind("created", JdbiSql.millis(r.created()))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return new DeliverySql(tx).release(id).orElseThrow();
        }));
    }

    @Override
    public Optional<Release> release(long id) {
        return one("SELECT * FROM releases WHERE id = :v", id);
    }

    @Override
    public Optional<Release> release(String service, String environment, int number) {
        return sql.with(h -> h.createQuery("SELECT * FROM releases WHERE service = :s AND environment = :e AND number = :n")
                .bind("s", service).bind("e", environment).bind("n", number).map((rs, ctx) -> release(rs)).findOne());
    }

    @Override
    public Optional<Release> releaseOfDeployment(long deployment) {
        return one("SELECT * FROM releases WHERE deployment = :v", deployment);
    }

    @Override
    public List<Release> releases(String service, String environment, long before, int limit) {
        String where = environment == null ? "" : " AND environment = :e";
        return sql.with(h -> h.createQuery("SELECT * FROM releases WHERE service = :s" + where
                        + " AND (:before = 0 OR id < :before) ORDER BY id DESC LIMIT :limit").bind("s", service)
                .bind("e", environment).bind("before", before).bind("limit", limit).map((rs, ctx) -> release(rs)).list());
    }

    @Override
    public List<Release> releasesIn(Set<ReleaseStatus> statuses, int limit) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        return sql.with(h -> h.createQuery("SELECT * FROM releases WHERE status IN (<statuses>) ORDER BY id LIMIT :limit")
                .bindList("statuses", statuses.stream().map(ReleaseStatus::word).toList()).bind("limit", limit)
                .map((rs, ctx) -> release(rs)).list());
    }

    @Override
    public Optional<Release> live(String service, String environment) {
        return sql.with(h -> h.createQuery("SELECT * FROM releases WHERE service = :s AND environment = :e AND status ="
                        + " 'live' ORDER BY number DESC LIMIT 1").bind("s", service).bind("e", environment)
                .map((rs, ctx) -> release(rs)).findOne());
    }

    @Override
    public void updateRelease(long id, ReleaseStatus status, String note, Instant settleUntil, String decidedBy,
                              Long deployment, Instant at) {
        sql.with(h -> h.createUpdate("UPDATE releases SET status = COALESCE(:status, status), note = COALESCE(:note, note),"
                        + " settle_until = COALESCE(:settle, settle_until), decided_by = COALESCE(:decided, decided_by),"
                        + " deployment = COALESCE(:deployment, deployment), updated = :at WHERE id = :id")
                .bind("status", status == null ? null : status.word()).bind("note", note == null ? null : cut(note, 2000))
                .bind("settle", JdbiSql.millis(settleUntil)).bind("decided", decidedBy).bind("deployment", deployment)
                .bind("at", JdbiSql.millis(at)).bind("id", id).execute());
    }

    @Override
    public void setGit(long release, String text) {
        sql.with(h -> h.createUpdate("UPDATE releases SET git = :g WHERE id = :id").bind("g", cut(text, 2000))
                .bind("id", release).execute());
    }

    @Override
    public void setConfigHash(long release, String hash) {
        sql.with(h -> h.createUpdate("UPDATE releases SET config_hash = :h WHERE id = :id").bind("h", hash)
                .bind("id", release).execute());
    }

    @Override
    public void upsertPipeline(Pipeline p, Instant at) {
        List<Map<String, Object>> stages = new ArrayList<>();
        for (Stage s : p.stages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("environments", s.environments());
            m.put("approval", s.approval());
            m.put("approverRole", s.approverRole());
            m.put("approverTeam", s.approverTeam());
            m.put("fourEyes", s.fourEyes());
            m.put("approvalTtlSeconds", s.approvalTtl().toSeconds());
            stages.add(m);
        }
        sql.transaction(tx -> tx.with(h -> {
            h.createUpdate("DELETE FROM pipelines WHERE service = :s").bind("s", p.service()).execute();
            return h.createUpdate("INSERT INTO pipelines (service, stages, updated) VALUES (:s, :stages, :at)")
                    .bind("s", p.service()).bind("stages", Json.write(stages)).bind("at", JdbiSql.millis(at)).execute();
        }));
    }

    @Override
    public Optional<Pipeline> pipeline(String service) {
        return sql.with(h -> h.createQuery("SELECT stages FROM pipelines WHERE service = :s").bind("s", service)
                .mapTo(String.class).findOne()).map(text -> {
                    List<Stage> stages = new ArrayList<>();
                    for (JsonNode s : Json.tree(text)) {
                        List<String> envs = new ArrayList<>();
                        s.path("environments").forEach(e -> envs.add(e.asText()));
                        stages.add(new Stage(s.path("name").asText(), envs, s.path("approval").asBoolean(),
                                s.path("approverRole").isTextual() ? s.get("approverRole").asText() : null,
                                s.path("approverTeam").isTextual() ? s.get("approverTeam").asText() : null,
                                s.path("fourEyes").asBoolean(), Duration.ofSeconds(s.path("approvalTtlSeconds").asLong())));
                    }
                    return new Pipeline(service, stages);
                });
    }

    private Optional<Release> one(String query, long value) {
        return sql.with(h -> h.createQuery(query).bind("v", value).map((rs, ctx) -> release(rs)).findOne());
    }

    private static Source source(ResultSet rs) throws SQLException {
        Map<String, String> branches = new LinkedHashMap<>();
        for (JsonNode rule : Json.tree(rs.getString("branches"))) {
            branches.put(rule.get(0).asText(), rule.get(1).asText());
        }
        return new Source(rs.getString("service"), rs.getString("url"), rs.getString("path"), branches,
                rs.getInt("poll_seconds"), rs.getInt("settle_seconds"), Rows.instant(rs, "created"));
    }

    private static Release release(ResultSet rs) throws SQLException {
        Long deployment = rs.getObject("deployment") == null ? null : rs.getLong("deployment");
        return new Release(rs.getLong("id"), rs.getString("service"), rs.getString("environment"), rs.getInt("number"),
                rs.getString("commit_id"), rs.getString("branch"), rs.getString("config_hash"),
                new BlueprintVersion(rs.getInt("major"), rs.getInt("minor")), rs.getString("trigger_kind"),
                rs.getString("triggered_by"), deployment,
                ReleaseStatus.of(rs.getString("status")), rs.getString("note"), rs.getString("git"),
                Rows.instant(rs, "settle_until"),
                Rows.instant(rs, "expires"), rs.getString("decided_by"), Rows.instant(rs, "created"),
                Rows.instant(rs, "updated"));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

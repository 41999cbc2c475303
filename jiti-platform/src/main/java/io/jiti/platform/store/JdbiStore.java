package io.jiti.platform.store;

import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.model.AuditEntry;
import io.jiti.platform.model.Campaign;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Entitlement;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.InventoryFilter;
import io.jiti.platform.model.InventoryRow;
import io.jiti.platform.model.MetricSample;
import io.jiti.platform.model.Policy;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.Team;
import io.jiti.platform.model.TemplateStatus;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/** The store over JDBC (H2 or PostgreSQL) with Jdbi; the schema is {@link Database}'s migrations. */
public final class JdbiStore implements Store {
    private final JdbiSql sql;
    private final DeploymentSql deployments;
    private final CampaignSql campaigns;
    private final MetricSql metrics;
    private final InventorySql inventory;
    private final IdentitySql identity;
    private final TargetSql targets;
    private final DeliverySql delivery;

    /** A store over {@code jdbi}. */
    public JdbiStore(Jdbi jdbi) {
        this(new JdbiSql(jdbi, null));
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true); // optional filters bind null
    }

    private JdbiStore(JdbiSql sql) {
        this.sql = sql;
        this.deployments = new DeploymentSql(sql);
        this.campaigns = new CampaignSql(sql);
        this.metrics = new MetricSql(sql);
        this.inventory = new InventorySql(sql);
        this.identity = new IdentitySql(sql);
        this.targets = new TargetSql(sql);
        this.delivery = new DeliverySql(sql);
    }

    @Override
    public <T> T transaction(Function<Store, T> work) {
        return sql.transaction(tx -> work.apply(tx == sql ? this : new JdbiStore(tx)));
    }

    @Override
    public DeliveryStore delivery() {
        return delivery;
    }

    @Override
    public boolean insertTeam(Team team) {
        return identity.insertTeam(team);
    }

    @Override
    public Optional<Team> team(String name) {
        return identity.team(name);
    }

    @Override
    public List<Team> teams() {
        return identity.teams();
    }

    @Override
    public boolean insertUser(User user) {
        return identity.insertUser(user);
    }

    @Override
    public Optional<User> user(String name) {
        return identity.user(name);
    }

    @Override
    public List<User> users() {
        return identity.users();
    }

    @Override
    public void insertToken(StoredToken t) {
        identity.insertToken(t);
    }

    @Override
    public Optional<StoredToken> tokenByHash(String hash) {
        return identity.tokenByHash(hash);
    }

    @Override
    public List<StoredToken> tokens(String user) {
        return identity.tokens(user);
    }

    @Override
    public boolean revokeToken(String id) {
        return identity.revokeToken(id);
    }

    @Override
    public boolean insertTemplate(TemplateVersion v) {
        return sql.insert(h -> h.createUpdate("INSERT INTO template_versions (name, major, minor, kind, status, description,"
                        + " bundle, created, published) VALUES (:name, :major, :minor, :kind, :status, :description, :bundle,"
                        + " :created, :published)")
                .bind("name", v.name()).bind("major", v.version().major()).bind("minor", v.version().minor())
                .bind("kind", v.kind().word()).bind("status", v.status().word()).bind("description", v.description())
                .bind("bundle", v.bundle()).bind("created", JdbiSql.millis(v.created())).bind("published", JdbiSql.millis(v.published())));
    }

    @Override
    public void updateDraft(TemplateVersion v) {
        sql.with(h -> h.createUpdate("UPDATE template_versions SET kind = :kind, description = :description, bundle = :bundle"
                        + " WHERE name = :name AND major = :major AND minor = :minor AND status = 'draft'")
                .bind("name", v.name()).bind("major", v.version().major()).bind("minor", v.version().minor())
                .bind("kind", v.kind().word()).bind("description", v.description()).bind("bundle", v.bundle()).execute());
    }

    @Override
    public void updateTemplateStatus(String name, BlueprintVersion version, TemplateStatus status, Instant published) {
        sql.with(h -> h.createUpdate("UPDATE template_versions SET status = :status, published = COALESCE(published, :published)"
                        + " WHERE name = :name AND major = :major AND minor = :minor")
                .bind("status", status.word()).bind("published", JdbiSql.millis(published)).bind("name", name)
                .bind("major", version.major()).bind("minor", version.minor()).execute());
    }

    @Override
    public Optional<TemplateVersion> template(String name, BlueprintVersion version) {
        return sql.with(h -> h.createQuery("SELECT * FROM template_versions WHERE name = :name AND major = :major AND minor = :minor")
                .bind("name", name).bind("major", version.major()).bind("minor", version.minor())
                .map((rs, ctx) -> Rows.template(rs)).findOne());
    }

    @Override
    public List<TemplateVersion> templates(String name) {
        return sql.with(h -> h.createQuery("SELECT * FROM template_versions" + (name == null ? "" : " WHERE name = :name")
                        + " ORDER BY name, major, minor")
                .bind("name", name).map((rs, ctx) -> Rows.template(rs)).list());
    }

    @Override
    public boolean insertEnvironment(Environment e) {
        return targets.insertEnvironment(e);
    }

    @Override
    public void updateEnvironment(Environment e) {
        targets.updateEnvironment(e);
    }

    @Override
    public Optional<Environment> environment(String name) {
        return targets.environment(name);
    }

    @Override
    public List<Environment> environments() {
        return targets.environments();
    }

    @Override
    public boolean insertService(Service s) {
        return targets.insertService(s);
    }

    @Override
    public Optional<Service> service(String name) {
        return targets.service(name);
    }

    @Override
    public List<Service> services() {
        return targets.services();
    }

    @Override
    public boolean insertInstance(Instance i) {
        return targets.insertInstance(i);
    }

    @Override
    public void updateInstance(Instance i) {
        targets.updateInstance(i);
    }

    @Override
    public Optional<Instance> instance(String service, String environment) {
        return targets.instance(service, environment);
    }

    @Override
    public List<Instance> instances() {
        return targets.instances();
    }

    @Override
    public void putEntitlement(Entitlement e) {
        sql.with(h -> {
            h.createUpdate("DELETE FROM entitlements WHERE team = :team AND template = :template AND major = :major")
                    .bind("team", e.team()).bind("template", e.template()).bind("major", e.major()).execute();
            return h.createUpdate("INSERT INTO entitlements (team, template, major, environments)"
                            + " VALUES (:team, :template, :major, :environments)")
                    .bind("team", e.team()).bind("template", e.template()).bind("major", e.major())
                    .bind("environments", Json.write(e.environments())).execute();
        });
    }

    @Override
    public Optional<Entitlement> entitlement(String team, String template, int major) {
        return sql.with(h -> h.createQuery("SELECT * FROM entitlements WHERE team = :team AND template = :template"
                        + " AND major = :major")
                .bind("team", team).bind("template", template).bind("major", major)
                .map((rs, ctx) -> Rows.entitlement(rs)).findOne());
    }

    @Override
    public List<Entitlement> entitlements(String team) {
        return sql.with(h -> h.createQuery("SELECT * FROM entitlements" + (team == null ? "" : " WHERE team = :team")
                        + " ORDER BY team, template, major")
                .bind("team", team).map((rs, ctx) -> Rows.entitlement(rs)).list());
    }

    @Override
    public Deployment insertDeployment(Deployment d) {
        return deployments.insertDeployment(d);
    }

    @Override
    public Optional<Deployment> deployment(long id) {
        return deployments.deployment(id);
    }

    @Override
    public List<Deployment> deployments(Target target, long before, int limit) {
        return deployments.deployments(target, before, limit);
    }

    @Override
    public Optional<Deployment> latest(Target target) {
        return deployments(target, 0, 1).stream().findFirst();
    }

    @Override
    public Optional<Deployment> lastSucceeded(Target target, long before) {
        return deployments.lastSucceeded(target, before);
    }

    @Override
    public Optional<Deployment> claimNext(Instant now) {
        return deployments.claimNext(now);
    }

    @Override
    public int requeueRunning() {
        return deployments.requeueRunning();
    }

    @Override
    public boolean finish(long id, DeploymentStatus status, String message, Instant now) {
        return deployments.finish(id, status, message, now);
    }

    @Override
    public void setPlan(long id, String plan) {
        deployments.setPlan(id, plan);
    }

    @Override
    public void appendLog(long id, String lines) {
        deployments.appendLog(id, lines);
    }

    @Override
    public void requestCancel(long id) {
        deployments.requestCancel(id);
    }

    @Override
    public boolean cancelRequested(long id) {
        return deployments.cancelRequested(id);
    }

    @Override
    public boolean insertPolicy(Policy p) {
        return sql.insert(h -> h.createUpdate("INSERT INTO policies (name, expression, message, effect, created, created_by)"
                        + " VALUES (:name, :expression, :message, :effect, :created, :by)")
                .bind("name", p.name()).bind("expression", p.expression()).bind("message", p.message())
                .bind("effect", p.deny() ? "deny" : "warn").bind("created", JdbiSql.millis(p.created())).bind("by", p.createdBy()));
    }

    @Override
    public boolean deletePolicy(String name) {
        return sql.with(h -> h.createUpdate("DELETE FROM policies WHERE name = :name").bind("name", name).execute()) == 1;
    }

    @Override
    public List<Policy> policies() {
        return sql.with(h -> h.createQuery("SELECT * FROM policies ORDER BY name").map((rs, ctx) -> new Policy(
                rs.getString("name"), rs.getString("expression"), rs.getString("message"),
                rs.getString("effect").equals("deny"), Rows.instant(rs, "created"), rs.getString("created_by"))).list());
    }

    @Override
    public Campaign insertCampaign(Campaign c) {
        return campaigns.insertCampaign(c);
    }

    @Override
    public Optional<Campaign> campaign(long id) {
        return campaigns.campaign(id);
    }

    @Override
    public List<Campaign> campaigns(boolean running, int limit) {
        return campaigns.campaigns(running, limit);
    }

    @Override
    public void updateCampaign(long id, String status, int wave, String message, Instant finished) {
        campaigns.updateCampaign(id, status, wave, message, finished);
    }

    @Override
    public void updateCampaignItem(long campaign, Target target, long deployment, String status, Instant settleAt,
            String message) {
        campaigns.updateCampaignItem(campaign, target, deployment, status, settleAt, message);
    }

    @Override
    public AuditEntry appendAudit(AuditEntry e) {
        long id = sql.with(h -> h.createUpdate("INSERT INTO audit (at, actor, action, target, result, detail)"
                        + " VALUES (:at, :actor, :action, :target, :result, :detail)")
                .bind("at", JdbiSql.millis(e.at())).bind("actor", e.actor()).bind("action", e.action()).bind("target", e.target())
                .bind("result", e.result()).bind("detail", e.detail())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new AuditEntry(id, e.at(), e.actor(), e.action(), e.target(), e.result(), e.detail());
    }

    @Override
    public List<AuditEntry> audit(long before, int limit) {
        return sql.with(h -> h.createQuery("SELECT * FROM audit WHERE id < :before ORDER BY id DESC LIMIT :limit")
                .bind("before", before <= 0 ? Long.MAX_VALUE : before).bind("limit", limit)
                .map((rs, ctx) -> Rows.audit(rs)).list());
    }

    @Override
    public List<InventoryRow> inventory(InventoryFilter filter, String after, int limit) {
        return inventory.inventory(filter, after, limit);
    }

    @Override
    public void insertSamples(List<MetricSample> samples) {
        metrics.insertSamples(samples);
    }

    @Override
    public List<MetricSample> samples(Target target, Instant since, int limit) {
        return metrics.samples(target, since, limit);
    }

    @Override
    public int pruneSamples(Instant before) {
        return metrics.pruneSamples(before);
    }

    @Override
    public boolean deleteInstance(String service, String environment) {
        return targets.deleteInstance(service, environment);
    }

    @Override
    public boolean deleteEnvironment(String name) {
        return targets.deleteEnvironment(name);
    }
}

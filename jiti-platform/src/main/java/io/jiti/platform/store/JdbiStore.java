package io.jiti.platform.store;

import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.model.AuditEntry;
import io.jiti.platform.model.Campaign;
import io.jiti.platform.model.CampaignItem;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Entitlement;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Policy;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.Team;
import io.jiti.platform.model.TemplateStatus;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.model.User;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.Update;

/** The store over JDBC (H2 or PostgreSQL) with Jdbi; the schema is {@link Database}'s migrations. */
public final class JdbiStore implements Store {
    /** A deployment's log stops growing here (the rest is in the server's own log). */
    private static final int LOG_LIMIT = 400_000;
    private static final String UNIQUE_VIOLATION = "23505";
    private final Jdbi jdbi;
    private final Handle bound;

    /** A store over {@code jdbi}. */
    public JdbiStore(Jdbi jdbi) {
        this(jdbi, null);
        jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true); // optional filters bind null
    }

    private JdbiStore(Jdbi jdbi, Handle bound) {
        this.jdbi = jdbi;
        this.bound = bound;
    }

    private <T> T with(HandleCallback<T, RuntimeException> work) {
        return bound != null ? work.withHandle(bound) : jdbi.withHandle(work);
    }

    @Override
    public <T> T transaction(Function<Store, T> work) {
        if (bound != null) {
            return work.apply(this);
        }
        return jdbi.inTransaction(h -> work.apply(new JdbiStore(jdbi, h)));
    }

    /** Runs an insert; false when it breaks a unique key. */
    private boolean insert(Function<Handle, Update> statement) {
        try {
            return with(h -> statement.apply(h).execute()) == 1;
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static Long millis(Instant i) {
        return i == null ? null : i.toEpochMilli();
    }

    @Override
    public boolean insertTeam(Team team) {
        return insert(h -> h.createUpdate("INSERT INTO teams (name, created) VALUES (:name, :created)")
                .bind("name", team.name()).bind("created", millis(team.created())));
    }

    @Override
    public Optional<Team> team(String name) {
        return with(h -> h.createQuery("SELECT * FROM teams WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> Rows.team(rs)).findOne());
    }

    @Override
    public List<Team> teams() {
        return with(h -> h.createQuery("SELECT * FROM teams ORDER BY name").map((rs, ctx) -> Rows.team(rs)).list());
    }

    @Override
    public boolean insertUser(User user) {
        return insert(h -> h.createUpdate("INSERT INTO users (name, team, role, created) VALUES (:name, :team, :role, :created)")
                .bind("name", user.name()).bind("team", user.team()).bind("role", user.role().word())
                .bind("created", millis(user.created())));
    }

    @Override
    public Optional<User> user(String name) {
        return with(h -> h.createQuery("SELECT * FROM users WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> Rows.user(rs)).findOne());
    }

    @Override
    public List<User> users() {
        return with(h -> h.createQuery("SELECT * FROM users ORDER BY name").map((rs, ctx) -> Rows.user(rs)).list());
    }

    @Override
    public void insertToken(StoredToken t) {
        with(h -> h.createUpdate("INSERT INTO tokens (id, user_name, hash, created, expires, revoked)"
                        + " VALUES (:id, :user, :hash, :created, :expires, FALSE)")
                .bind("id", t.id()).bind("user", t.user()).bind("hash", t.hash())
                .bind("created", millis(t.created())).bind("expires", millis(t.expires())).execute());
    }

    @Override
    public Optional<StoredToken> tokenByHash(String hash) {
        return with(h -> h.createQuery("SELECT * FROM tokens WHERE hash = :hash").bind("hash", hash)
                .map((rs, ctx) -> Rows.token(rs)).findOne());
    }

    @Override
    public List<StoredToken> tokens(String user) {
        return with(h -> h.createQuery("SELECT * FROM tokens WHERE user_name = :user ORDER BY created")
                .bind("user", user).map((rs, ctx) -> Rows.token(rs)).list());
    }

    @Override
    public boolean revokeToken(String id) {
        return with(h -> h.createUpdate("UPDATE tokens SET revoked = TRUE WHERE id = :id").bind("id", id).execute()) == 1;
    }

    @Override
    public boolean insertTemplate(TemplateVersion v) {
        return insert(h -> h.createUpdate("INSERT INTO template_versions (name, major, minor, kind, status, description,"
                        + " bundle, created, published) VALUES (:name, :major, :minor, :kind, :status, :description, :bundle,"
                        + " :created, :published)")
                .bind("name", v.name()).bind("major", v.version().major()).bind("minor", v.version().minor())
                .bind("kind", v.kind().word()).bind("status", v.status().word()).bind("description", v.description())
                .bind("bundle", v.bundle()).bind("created", millis(v.created())).bind("published", millis(v.published())));
    }

    @Override
    public void updateDraft(TemplateVersion v) {
        with(h -> h.createUpdate("UPDATE template_versions SET kind = :kind, description = :description, bundle = :bundle"
                        + " WHERE name = :name AND major = :major AND minor = :minor AND status = 'draft'")
                .bind("name", v.name()).bind("major", v.version().major()).bind("minor", v.version().minor())
                .bind("kind", v.kind().word()).bind("description", v.description()).bind("bundle", v.bundle()).execute());
    }

    @Override
    public void updateTemplateStatus(String name, BlueprintVersion version, TemplateStatus status, Instant published) {
        with(h -> h.createUpdate("UPDATE template_versions SET status = :status, published = COALESCE(published, :published)"
                        + " WHERE name = :name AND major = :major AND minor = :minor")
                .bind("status", status.word()).bind("published", millis(published)).bind("name", name)
                .bind("major", version.major()).bind("minor", version.minor()).execute());
    }

    @Override
    public Optional<TemplateVersion> template(String name, BlueprintVersion version) {
        return with(h -> h.createQuery("SELECT * FROM template_versions WHERE name = :name AND major = :major AND minor = :minor")
                .bind("name", name).bind("major", version.major()).bind("minor", version.minor())
                .map((rs, ctx) -> Rows.template(rs)).findOne());
    }

    @Override
    public List<TemplateVersion> templates(String name) {
        return with(h -> h.createQuery("SELECT * FROM template_versions" + (name == null ? "" : " WHERE name = :name")
                        + " ORDER BY name, major, minor")
                .bind("name", name).map((rs, ctx) -> Rows.template(rs)).list());
    }

    @Override
    public boolean insertEnvironment(Environment e) {
        return insert(h -> h.createUpdate("INSERT INTO environments (name, template, major, minor, inputs, labels, provider,"
                        + " protect, created) VALUES (:name, :template, :major, :minor, :inputs, :labels, :provider, :protect,"
                        + " :created)")
                .bind("name", e.name()).bind("template", e.template()).bind("major", e.version().major())
                .bind("minor", e.version().minor()).bind("inputs", Json.write(e.inputs()))
                .bind("labels", Json.write(e.labels())).bind("provider", e.provider()).bind("protect", e.protect())
                .bind("created", millis(e.created())));
    }

    @Override
    public void updateEnvironment(Environment e) {
        with(h -> h.createUpdate("UPDATE environments SET major = :major, minor = :minor, inputs = :inputs, labels = :labels"
                        + " WHERE name = :name")
                .bind("name", e.name()).bind("major", e.version().major()).bind("minor", e.version().minor())
                .bind("inputs", Json.write(e.inputs())).bind("labels", Json.write(e.labels())).execute());
    }

    @Override
    public Optional<Environment> environment(String name) {
        return with(h -> h.createQuery("SELECT * FROM environments WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> Rows.environment(rs)).findOne());
    }

    @Override
    public List<Environment> environments() {
        return with(h -> h.createQuery("SELECT * FROM environments ORDER BY name")
                .map((rs, ctx) -> Rows.environment(rs)).list());
    }

    @Override
    public boolean insertService(Service s) {
        return insert(h -> h.createUpdate("INSERT INTO services (name, team, template, major, created)"
                        + " VALUES (:name, :team, :template, :major, :created)")
                .bind("name", s.name()).bind("team", s.team()).bind("template", s.template()).bind("major", s.major())
                .bind("created", millis(s.created())));
    }

    @Override
    public Optional<Service> service(String name) {
        return with(h -> h.createQuery("SELECT * FROM services WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> Rows.service(rs)).findOne());
    }

    @Override
    public List<Service> services() {
        return with(h -> h.createQuery("SELECT * FROM services ORDER BY name").map((rs, ctx) -> Rows.service(rs)).list());
    }

    @Override
    public boolean insertInstance(Instance i) {
        return insert(h -> h.createUpdate("INSERT INTO instances (service, environment, major, minor, inputs, components,"
                        + " created) VALUES (:service, :environment, :major, :minor, :inputs, :components, :created)")
                .bind("service", i.service()).bind("environment", i.environment()).bind("major", i.version().major())
                .bind("minor", i.version().minor()).bind("inputs", Json.write(i.inputs()))
                .bind("components", Json.write(i.components())).bind("created", millis(i.created())));
    }

    @Override
    public void updateInstance(Instance i) {
        with(h -> h.createUpdate("UPDATE instances SET major = :major, minor = :minor, inputs = :inputs,"
                        + " components = :components WHERE service = :service AND environment = :environment")
                .bind("service", i.service()).bind("environment", i.environment()).bind("major", i.version().major())
                .bind("minor", i.version().minor()).bind("inputs", Json.write(i.inputs()))
                .bind("components", Json.write(i.components())).execute());
    }

    @Override
    public Optional<Instance> instance(String service, String environment) {
        return with(h -> h.createQuery("SELECT * FROM instances WHERE service = :service AND environment = :environment")
                .bind("service", service).bind("environment", environment).map((rs, ctx) -> Rows.instance(rs)).findOne());
    }

    @Override
    public List<Instance> instances() {
        return with(h -> h.createQuery("SELECT * FROM instances ORDER BY service, environment")
                .map((rs, ctx) -> Rows.instance(rs)).list());
    }

    @Override
    public void putEntitlement(Entitlement e) {
        with(h -> {
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
        return with(h -> h.createQuery("SELECT * FROM entitlements WHERE team = :team AND template = :template"
                        + " AND major = :major")
                .bind("team", team).bind("template", template).bind("major", major)
                .map((rs, ctx) -> Rows.entitlement(rs)).findOne());
    }

    @Override
    public List<Entitlement> entitlements(String team) {
        return with(h -> h.createQuery("SELECT * FROM entitlements" + (team == null ? "" : " WHERE team = :team")
                        + " ORDER BY team, template, major")
                .bind("team", team).map((rs, ctx) -> Rows.entitlement(rs)).list());
    }

    @Override
    public Deployment insertDeployment(Deployment d) {
        long id = with(h -> h.createUpdate("INSERT INTO deployments (target, template, major, minor, inputs, components,"
                        + " inputs_hash, cause, requested_by, status, cancel, created, plan, log, message) VALUES (:target,"
                        + " :template, :major, :minor, :inputs, :components, :hash, :cause, :by, :status, FALSE, :created,"
                        + " :plan, :log, :message)")
                .bind("target", d.target().toString()).bind("template", d.template())
                .bind("major", d.version().major()).bind("minor", d.version().minor())
                .bind("inputs", Json.write(d.inputs())).bind("components", Json.write(d.components()))
                .bind("hash", d.inputsHash()).bind("cause", d.cause()).bind("by", d.requestedBy())
                .bind("status", d.status().word()).bind("created", millis(d.created())).bind("plan", d.plan())
                .bind("log", d.log()).bind("message", d.message())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return deployment(id).orElseThrow();
    }

    @Override
    public Optional<Deployment> deployment(long id) {
        return with(h -> h.createQuery("SELECT * FROM deployments WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Rows.deployment(rs)).findOne());
    }

    @Override
    public List<Deployment> deployments(Target target, long before, int limit) {
        return with(h -> h.createQuery("SELECT * FROM deployments WHERE id < :before"
                        + (target == null ? "" : " AND target = :target") + " ORDER BY id DESC LIMIT :limit")
                .bind("before", before <= 0 ? Long.MAX_VALUE : before)
                .bind("target", target == null ? null : target.toString()).bind("limit", limit)
                .map((rs, ctx) -> Rows.deployment(rs)).list());
    }

    @Override
    public Optional<Deployment> latest(Target target) {
        return deployments(target, 0, 1).stream().findFirst();
    }

    @Override
    public Optional<Deployment> lastSucceeded(Target target, long before) {
        return with(h -> h.createQuery("SELECT * FROM deployments WHERE target = :target AND status = 'succeeded'"
                        + " AND id < :before ORDER BY id DESC LIMIT 1")
                .bind("target", target.toString()).bind("before", before <= 0 ? Long.MAX_VALUE : before)
                .map((rs, ctx) -> Rows.deployment(rs)).findOne());
    }

    @Override
    public Optional<Deployment> claimNext(Instant now) {
        return transaction(tx -> ((JdbiStore) tx).with(h -> {
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
                    .bind("id", id.get()).bind("now", millis(now)).execute();
            return n == 1 ? tx.deployment(id.get()) : Optional.<Deployment>empty();
        }));
    }

    @Override
    public int requeueRunning() {
        return with(h -> h.createUpdate("UPDATE deployments SET status = 'queued' WHERE status = 'running'").execute());
    }

    @Override
    public boolean finish(long id, DeploymentStatus status, String message, Instant now) {
        return with(h -> h.createUpdate("UPDATE deployments SET status = :status, message = :message, finished = :now"
                        + " WHERE id = :id AND status IN ('queued', 'running')")
                .bind("status", status.word()).bind("message", message).bind("now", millis(now)).bind("id", id)
                .execute()) == 1;
    }

    @Override
    public void setPlan(long id, String plan) {
        with(h -> h.createUpdate("UPDATE deployments SET plan = :plan WHERE id = :id").bind("plan", plan).bind("id", id)
                .execute());
    }

    @Override
    public void appendLog(long id, String lines) {
        with(h -> h.createUpdate("UPDATE deployments SET log = log || :lines WHERE id = :id AND LENGTH(log) < :limit")
                .bind("lines", lines).bind("id", id).bind("limit", LOG_LIMIT).execute());
    }

    @Override
    public void requestCancel(long id) {
        with(h -> h.createUpdate("UPDATE deployments SET cancel = TRUE WHERE id = :id").bind("id", id).execute());
    }

    @Override
    public boolean cancelRequested(long id) {
        return with(h -> h.createQuery("SELECT cancel FROM deployments WHERE id = :id").bind("id", id)
                .mapTo(Boolean.class).findOne().orElse(false));
    }

    @Override
    public boolean insertPolicy(Policy p) {
        return insert(h -> h.createUpdate("INSERT INTO policies (name, expression, message, effect, created, created_by)"
                        + " VALUES (:name, :expression, :message, :effect, :created, :by)")
                .bind("name", p.name()).bind("expression", p.expression()).bind("message", p.message())
                .bind("effect", p.deny() ? "deny" : "warn").bind("created", millis(p.created())).bind("by", p.createdBy()));
    }

    @Override
    public boolean deletePolicy(String name) {
        return with(h -> h.createUpdate("DELETE FROM policies WHERE name = :name").bind("name", name).execute()) == 1;
    }

    @Override
    public List<Policy> policies() {
        return with(h -> h.createQuery("SELECT * FROM policies ORDER BY name").map((rs, ctx) -> new Policy(
                rs.getString("name"), rs.getString("expression"), rs.getString("message"),
                rs.getString("effect").equals("deny"), Rows.instant(rs, "created"), rs.getString("created_by"))).list());
    }

    @Override
    public Campaign insertCampaign(Campaign c) {
        return transaction(tx -> ((JdbiStore) tx).with(h -> {
            long id = h.createUpdate("INSERT INTO campaigns (template, major, minor, waves, parallel, settle_ms, status, wave,"
                            + " created, created_by, message) VALUES (:template, :major, :minor, :waves, :parallel, :settle,"
                            + " :status, :wave, :created, :by, :message)")
                    .bind("template", c.template()).bind("major", c.version().major()).bind("minor", c.version().minor())
                    .bind("waves", Json.write(c.waves())).bind("parallel", c.parallel())
                    .bind("settle", c.settle().toMillis()).bind("status", c.status()).bind("wave", c.wave())
                    .bind("created", millis(c.created())).bind("by", c.createdBy()).bind("message", c.message())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (CampaignItem i : c.items()) {
                h.createUpdate("INSERT INTO campaign_items (campaign, target, wave, from_major, from_minor, deployment,"
                                + " status, settle_at, message) VALUES (:campaign, :target, :wave, :major, :minor, :deployment,"
                                + " :status, :settle, :message)")
                        .bind("campaign", id).bind("target", i.target().toString()).bind("wave", i.wave())
                        .bind("major", i.from().major()).bind("minor", i.from().minor()).bind("deployment", i.deployment())
                        .bind("status", i.status()).bind("settle", millis(i.settleAt())).bind("message", i.message())
                        .execute();
            }
            return tx.campaign(id).orElseThrow();
        }));
    }

    @Override
    public Optional<Campaign> campaign(long id) {
        return with(h -> h.createQuery("SELECT * FROM campaigns WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Rows.campaign(rs, items(h, rs.getLong("id")))).findOne());
    }

    private static List<CampaignItem> items(Handle h, long campaign) {
        return h.createQuery("SELECT * FROM campaign_items WHERE campaign = :campaign ORDER BY wave, target")
                .bind("campaign", campaign).map((rs, ctx) -> Rows.campaignItem(rs)).list();
    }

    @Override
    public List<Campaign> campaigns(boolean running, int limit) {
        return with(h -> {
            List<Long> ids = h.createQuery("SELECT id FROM campaigns" + (running ? " WHERE status = 'running'" : "")
                    + " ORDER BY id DESC LIMIT :limit").bind("limit", limit).mapTo(Long.class).list();
            return ids.stream().map(id -> campaign(id).orElseThrow()).toList();
        });
    }

    @Override
    public void updateCampaign(long id, String status, int wave, String message, Instant finished) {
        with(h -> h.createUpdate("UPDATE campaigns SET status = :status, wave = :wave, message = :message,"
                        + " finished = :finished WHERE id = :id")
                .bind("status", status).bind("wave", wave).bind("message", message).bind("finished", millis(finished))
                .bind("id", id).execute());
    }

    @Override
    public void updateCampaignItem(long campaign, Target target, long deployment, String status, Instant settleAt,
            String message) {
        with(h -> h.createUpdate("UPDATE campaign_items SET deployment = :deployment, status = :status,"
                        + " settle_at = :settle, message = :message WHERE campaign = :campaign AND target = :target")
                .bind("deployment", deployment).bind("status", status).bind("settle", millis(settleAt))
                .bind("message", message).bind("campaign", campaign).bind("target", target.toString()).execute());
    }

    @Override
    public AuditEntry appendAudit(AuditEntry e) {
        long id = with(h -> h.createUpdate("INSERT INTO audit (at, actor, action, target, result, detail)"
                        + " VALUES (:at, :actor, :action, :target, :result, :detail)")
                .bind("at", millis(e.at())).bind("actor", e.actor()).bind("action", e.action()).bind("target", e.target())
                .bind("result", e.result()).bind("detail", e.detail())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new AuditEntry(id, e.at(), e.actor(), e.action(), e.target(), e.result(), e.detail());
    }

    @Override
    public List<AuditEntry> audit(long before, int limit) {
        return with(h -> h.createQuery("SELECT * FROM audit WHERE id < :before ORDER BY id DESC LIMIT :limit")
                .bind("before", before <= 0 ? Long.MAX_VALUE : before).bind("limit", limit)
                .map((rs, ctx) -> Rows.audit(rs)).list());
    }
}

package io.jiti.platform.store;

import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.Role;
import io.jiti.platform.model.AuditEntry;
import io.jiti.platform.model.Campaign;
import io.jiti.platform.model.CampaignItem;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Entitlement;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.Team;
import io.jiti.platform.model.TemplateKind;
import io.jiti.platform.model.TemplateStatus;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.model.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;

/** Rows to records. */
final class Rows {
    private Rows() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static BlueprintVersion version(ResultSet rs) throws SQLException {
        return new BlueprintVersion(rs.getInt("major"), rs.getInt("minor"));
    }

    static Team team(ResultSet rs) throws SQLException {
        return new Team(rs.getString("name"), instant(rs, "created"));
    }

    static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("name"), rs.getString("team"),
                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)), instant(rs, "created"));
    }

    static StoredToken token(ResultSet rs) throws SQLException {
        return new StoredToken(rs.getString("id"), rs.getString("user_name"), rs.getString("hash"),
                instant(rs, "created"), instant(rs, "expires"), rs.getBoolean("revoked"));
    }

    static TemplateVersion template(ResultSet rs) throws SQLException {
        return new TemplateVersion(rs.getString("name"), version(rs), TemplateKind.of(rs.getString("kind")),
                TemplateStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("description"),
                rs.getString("bundle"), instant(rs, "created"), instant(rs, "published"));
    }

    static Environment environment(ResultSet rs) throws SQLException {
        return new Environment(rs.getString("name"), rs.getString("template"), version(rs),
                Json.map(rs.getString("inputs")), Json.strings(rs.getString("labels")), rs.getString("provider"),
                rs.getBoolean("protect"), instant(rs, "created"));
    }

    static Service service(ResultSet rs) throws SQLException {
        return new Service(rs.getString("name"), rs.getString("team"), rs.getString("template"), rs.getInt("major"),
                instant(rs, "created"));
    }

    static Instance instance(ResultSet rs) throws SQLException {
        return new Instance(rs.getString("service"), rs.getString("environment"), version(rs),
                Json.map(rs.getString("inputs")), Json.tree(rs.getString("components")), instant(rs, "created"));
    }

    static Entitlement entitlement(ResultSet rs) throws SQLException {
        return new Entitlement(rs.getString("team"), rs.getString("template"), rs.getInt("major"),
                Json.list(rs.getString("environments")));
    }

    static Deployment deployment(ResultSet rs) throws SQLException {
        return new Deployment(rs.getLong("id"), Target.parse("target", rs.getString("target")), rs.getString("template"),
                version(rs), Json.map(rs.getString("inputs")), Json.tree(rs.getString("components")),
                rs.getString("inputs_hash"), rs.getString("cause"), rs.getString("requested_by"),
                DeploymentStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), instant(rs, "created"),
                instant(rs, "started"), instant(rs, "finished"), rs.getString("plan"), rs.getString("log"),
                rs.getString("message"), rs.getString("commit_id"));
    }

    static Campaign campaign(ResultSet rs, java.util.List<CampaignItem> items) throws SQLException {
        return new Campaign(rs.getLong("id"), rs.getString("template"), version(rs), Json.list(rs.getString("waves")),
                rs.getInt("parallel"), java.time.Duration.ofMillis(rs.getLong("settle_ms")), rs.getString("status"),
                rs.getInt("wave"), instant(rs, "created"), rs.getString("created_by"), instant(rs, "finished"),
                rs.getString("message"), items);
    }

    static CampaignItem campaignItem(ResultSet rs) throws SQLException {
        return new CampaignItem(Target.parse("target", rs.getString("target")), rs.getInt("wave"),
                new BlueprintVersion(rs.getInt("from_major"), rs.getInt("from_minor")), rs.getLong("deployment"),
                rs.getString("status"), instant(rs, "settle_at"), rs.getString("message"));
    }

    static AuditEntry audit(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("id"), instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target"), rs.getString("result"), rs.getString("detail"));
    }
}

package io.jiti.platform.store;

import io.jiti.platform.model.Campaign;
import io.jiti.platform.model.CampaignItem;
import io.jiti.platform.model.Target;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The store's campaign rows and their items. */
final class CampaignSql {
    private final JdbiSql sql;

    CampaignSql(JdbiSql sql) {
        this.sql = sql;
    }

    Campaign insertCampaign(Campaign c) {
        return sql.transaction(tx -> tx.with(h -> {
            long id = h.createUpdate("INSERT INTO campaigns (template, major, minor, waves, parallel, settle_ms, status, wave,"
                            + " created, created_by, message) VALUES (:template, :major, :minor, :waves, :parallel, :settle,"
                            + " :status, :wave, :created, :by, :message)")
                    .bind("template", c.template()).bind("major", c.version().major()).bind("minor", c.version().minor())
                    .bind("waves", Json.write(c.waves())).bind("parallel", c.parallel())
                    .bind("settle", c.settle().toMillis()).bind("status", c.status()).bind("wave", c.wave())
                    .bind("created", JdbiSql.millis(c.created())).bind("by", c.createdBy()).bind("message", c.message())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (CampaignItem i : c.items()) {
                h.createUpdate("INSERT INTO campaign_items (campaign, target, wave, from_major, from_minor, deployment,"
                                + " status, settle_at, message) VALUES (:campaign, :target, :wave, :major, :minor, :deployment,"
                                + " :status, :settle, :message)")
                        .bind("campaign", id).bind("target", i.target().toString()).bind("wave", i.wave())
                        .bind("major", i.from().major()).bind("minor", i.from().minor()).bind("deployment", i.deployment())
                        .bind("status", i.status()).bind("settle", JdbiSql.millis(i.settleAt())).bind("message", i.message())
                        .execute();
            }
            return new CampaignSql(tx).campaign(id).orElseThrow();
        }));
    }

    Optional<Campaign> campaign(long id) {
        return sql.with(h -> h.createQuery("SELECT * FROM campaigns WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Rows.campaign(rs, items(h, rs.getLong("id")))).findOne());
    }

    private static List<CampaignItem> items(Handle h, long campaign) {
        return h.createQuery("SELECT * FROM campaign_items WHERE campaign = :campaign ORDER BY wave, target")
                .bind("campaign", campaign).map((rs, ctx) -> Rows.campaignItem(rs)).list();
    }

    List<Campaign> campaigns(boolean running, int limit) {
        return sql.with(h -> {
            List<Long> ids = h.createQuery("SELECT id FROM campaigns" + (running ? " WHERE status = 'running'" : "")
                    + " ORDER BY id DESC LIMIT :limit").bind("limit", limit).mapTo(Long.class).list();
            return ids.stream().map(id -> campaign(id).orElseThrow()).toList();
        });
    }

    void updateCampaign(long id, String status, int wave, String message, Instant finished) {
        sql.with(h -> h.createUpdate("UPDATE campaigns SET status = :status, wave = :wave, message = :message,"
                        + " finished = :finished WHERE id = :id")
                .bind("status", status).bind("wave", wave).bind("message", message).bind("finished", JdbiSql.millis(finished))
                .bind("id", id).execute());
    }

    void updateCampaignItem(long campaign, Target target, long deployment, String status, Instant settleAt,
            String message) {
        sql.with(h -> h.createUpdate("UPDATE campaign_items SET deployment = :deployment, status = :status,"
                        + " settle_at = :settle, message = :message WHERE campaign = :campaign AND target = :target")
                .bind("deployment", deployment).bind("status", status).bind("settle", JdbiSql.millis(settleAt))
                .bind("message", message).bind("campaign", campaign).bind("target", target.toString()).execute());
    }
}

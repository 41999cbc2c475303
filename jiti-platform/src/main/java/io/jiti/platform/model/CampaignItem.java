package io.jiti.platform.model;

import io.jiti.blueprints.BlueprintVersion;
import java.time.Instant;

/**
 * One target of a campaign.
 *
 * @param target     the environment or instance
 * @param wave       its wave (0-based)
 * @param from       the version it was on
 * @param deployment its upgrade deployment (then its rollback's), or 0 before it started
 * @param status     {@code pending}, {@code deploying}, {@code settling}, {@code done}, {@code failed} or
 *                   {@code rolled-back}
 * @param settleAt   when it counts as settled (while settling), or null
 * @param message    how it stands
 */
public record CampaignItem(Target target, int wave, BlueprintVersion from, long deployment, String status,
                           Instant settleAt, String message) {
}

package io.jiti.platform.model;

import io.jiti.blueprints.BlueprintVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A fleet upgrade: every target of a template moved to one version, wave by wave (the environments of a wave
 * in the order the admin gave), at most {@code parallel} at once, each wave gated on every upgraded target
 * staying healthy for {@code settle}. A failure stops it and rolls the failed targets back. Its rows are the
 * truth: a restarted server carries on.
 *
 * @param id        its number
 * @param template  the template
 * @param version   the version it moves to
 * @param waves     the environments of each wave, in order (one wave of everything when empty)
 * @param parallel  how many targets deploy at once
 * @param settle    how long an upgraded target must stay healthy
 * @param status    {@code running}, {@code succeeded} or {@code failed}
 * @param wave      the wave it is at (0-based)
 * @param created   when it started
 * @param createdBy who started it
 * @param finished  when it ended, or null
 * @param message   how it stands, in a sentence
 * @param items     its targets
 */
public record Campaign(long id, String template, BlueprintVersion version, List<String> waves, int parallel,
                       Duration settle, String status, int wave, Instant created, String createdBy, Instant finished,
                       String message, List<CampaignItem> items) {

    public Campaign {
        waves = List.copyOf(waves);
        items = List.copyOf(items);
    }
}

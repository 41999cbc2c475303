package io.jiti.platform.model;

import io.jiti.blueprints.BlueprintVersion;
import java.util.List;

/**
 * What an upgrade does to one target: its wave and the plan of the new version against what runs.
 *
 * @param target  the environment or instance
 * @param wave    its wave (0-based)
 * @param from    the version it runs
 * @param to      the version it moves to
 * @param changes the planned changes, one line each ({@code update orders.api.app}), no-ops left out
 * @param problem why it could not be planned, or null
 */
public record UpgradeTarget(Target target, int wave, BlueprintVersion from, BlueprintVersion to, List<String> changes,
                            String problem) {

    public UpgradeTarget {
        changes = List.copyOf(changes);
    }
}

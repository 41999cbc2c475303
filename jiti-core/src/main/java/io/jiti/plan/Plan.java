package io.jiti.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What apply would do to a stack: one change per particle, desired ones in dependency order, then the
 * ones to prune.
 *
 * @param stack   the stack name
 * @param changes the changes
 */
public record Plan(String stack, List<Change> changes) {

    public Plan {
        changes = List.copyOf(changes);
    }

    /** How many changes of each action. */
    public Map<Action, Integer> summary() {
        Map<Action, Integer> out = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            out.put(a, 0);
        }
        changes.forEach(c -> out.merge(c.action(), 1, Integer::sum));
        return out;
    }

    /** Whether apply would change anything. */
    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action().changes());
    }

    /** The changes refused without {@code --force}. */
    public List<Change> blocked() {
        return changes.stream().filter(c -> c.blocked() != null).toList();
    }
}

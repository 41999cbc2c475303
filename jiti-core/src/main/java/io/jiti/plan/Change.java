package io.jiti.plan;

import java.util.List;

/**
 * One particle's planned action.
 *
 * @param particle the particle name
 * @param type     its type id
 * @param action   what apply does
 * @param reason   why, in a few words
 * @param diff     the changed fields (sensitive values masked)
 * @param blocked  why the action is refused without {@code --force} (a protected particle), or null
 */
public record Change(String particle, String type, Action action, String reason, List<FieldDiff> diff,
                     String blocked) {

    public Change {
        diff = List.copyOf(diff);
    }
}

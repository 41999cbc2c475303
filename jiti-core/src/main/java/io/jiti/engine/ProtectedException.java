package io.jiti.engine;

import io.jiti.api.JitiException;
import io.jiti.plan.Action;
import io.jiti.plan.Change;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Apply refused to delete or replace protected particles without {@code --force}; nothing was changed. The
 * message says, per particle, what would have happened and why (a replace deletes the particle with its
 * data before creating it again).
 */
public final class ProtectedException extends JitiException {
    private static final long serialVersionUID = 1L;

    public ProtectedException(List<Change> blocked) {
        super("refusing to delete or replace protected particle" + (blocked.size() > 1 ? "s " : " ")
                + blocked.stream().map(ProtectedException::describe).collect(Collectors.joining("; "))
                + ". Use --force to proceed; nothing was changed");
    }

    private static String describe(Change c) {
        String what = c.action() == Action.REPLACE
                ? "replace, which deletes it and its data first"
                : c.action().name().toLowerCase(Locale.ROOT);
        return c.particle() + " (" + what + "; " + c.reason() + ")";
    }
}

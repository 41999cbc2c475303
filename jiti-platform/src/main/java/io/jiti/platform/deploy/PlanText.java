package io.jiti.platform.deploy;

import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.plan.FieldDiff;
import io.jiti.plan.Plan;

/** A plan as the deployment record keeps it: one line per change and per changed field, sensitive values masked. */
public final class PlanText {
    private PlanText() {
    }

    /** The plan as text. */
    public static String of(Plan plan) {
        StringBuilder out = new StringBuilder();
        for (Change c : plan.changes()) {
            if (c.action() == Action.NOOP) {
                continue;
            }
            out.append(c.action().word()).append(' ').append(c.particle()).append(" (").append(c.type()).append("): ")
                    .append(c.reason()).append('\n');
            for (FieldDiff d : c.diff()) {
                out.append("    ").append(d.path()).append(": ").append(d.from()).append(" -> ").append(d.to()).append("\n");
            }
        }
        return out.length() == 0 ? "no changes\n" : out.toString();
    }
}

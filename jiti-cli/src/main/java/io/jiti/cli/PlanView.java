package io.jiti.cli;

import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.plan.FieldDiff;
import io.jiti.plan.Plan;
import java.util.Map;

/** A plan for people: one line per particle, the changed fields under it, and a summary. */
final class PlanView {
    private PlanView() {
    }

    static String symbol(Action a) {
        switch (a) {
            case CREATE:
                return "+";
            case UPDATE:
                return "~";
            case REPLACE:
                return "-/+";
            case DELETE:
                return "-";
            case START:
                return ">";
            case STOP:
                return "||";
            default:
                return " ";
        }
    }

    static String paint(Terminal t, Action a, String s) {
        switch (a) {
            case CREATE:
            case START:
                return t.green(s);
            case UPDATE:
            case STOP:
                return t.yellow(s);
            case REPLACE:
            case DELETE:
                return t.red(s);
            default:
                return t.dim(s);
        }
    }

    static void print(Terminal t, Plan plan, String provider) {
        t.line(t.bold("Plan for stack " + plan.stack() + " on " + provider + ":"));
        int width = plan.changes().stream().mapToInt(c -> c.particle().length()).max().orElse(4);
        for (Change c : plan.changes()) {
            String line = "  " + Columns.pad(symbol(c.action()), 3) + " " + Columns.pad(c.particle(), width) + "  "
                    + Columns.pad(c.type(), 8) + " " + Columns.pad(c.action().word(), 8) + " " + c.reason()
                    + (c.blocked() != null ? " [" + c.blocked() + ": refused without --force]" : "");
            t.line(paint(t, c.action(), line));
            for (FieldDiff d : c.diff()) {
                t.line("        " + d.path() + ": " + show(d.from()) + " -> " + show(d.to()));
            }
        }
        t.line(summary(plan.summary()));
    }

    static String summary(Map<Action, Integer> s) {
        return "Summary: " + s.get(Action.CREATE) + " to create, " + s.get(Action.UPDATE) + " to update, "
                + s.get(Action.REPLACE) + " to replace, " + s.get(Action.DELETE) + " to delete, "
                + (s.get(Action.START) + s.get(Action.STOP)) + " to start/stop, " + s.get(Action.NOOP) + " unchanged.";
    }

    private static String show(Object v) {
        return v == null ? "(none)" : v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }
}

package io.jiti.plan;

import io.jiti.api.DesiredState;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.load.References;
import io.jiti.spi.Observed;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Updater;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Diffs desired particles against observed ones. Stateless: everything it needs is passed in, so the
 * same rules serve {@code plan} and each step of {@code apply}.
 */
public final class Planner {
    private final Map<String, ParticleType> types;

    public Planner(Map<String, ParticleType> types) {
        this.types = types;
    }

    /** The plan for {@code stack} against what the provider holds ({@code observed}, by particle name). */
    @SuppressWarnings("unchecked")
    public Plan plan(Stack stack, Map<String, Observed> observed) {
        Graph graph = Graph.of(stack);
        Map<String, Particle> byName = stack.byName();
        Map<String, Map<String, Object>> known = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        for (String name : graph.topologicalOrder()) {
            Particle p = byName.get(name);
            Observed live = observed.get(name);
            boolean[] unknown = {false};
            Map<String, Object> spec = (Map<String, Object>) References.resolveAll(p.spec(), ref -> {
                Map<String, Object> outputs = known.get(ref.particle());
                Object v = outputs == null ? null : outputs.get(ref.output());
                if (v == null) {
                    unknown[0] = true;
                    return Diffs.UNKNOWN;
                }
                return String.valueOf(v);
            });
            Change change = decide(p, spec, unknown[0], live);
            changes.add(change);
            // In-place changes keep their outputs; created or replaced particles' outputs are known after apply.
            if (live != null && change.action() != Action.CREATE && change.action() != Action.REPLACE) {
                known.put(name, live.outputs());
            }
        }
        for (Observed live : observed.values()) {
            if (!byName.containsKey(live.name())) {
                changes.add(new Change(live.name(), live.type(), Action.DELETE, "no longer defined", List.of(),
                        live.protect() ? "protected" : null));
            }
        }
        return new Plan(stack.name(), changes);
    }

    /**
     * The action for one particle whose spec is resolved; {@code unresolved} says some reference is known
     * only after apply.
     */
    public Change decide(Particle p, Map<String, Object> spec, boolean unresolved, Observed live) {
        String blocked = p.protect() || (live != null && live.protect()) ? "protected" : null;
        if (p.state() == DesiredState.ABSENT) {
            return live == null ? change(p, Action.NOOP, "absent", List.of(), null)
                    : change(p, Action.DELETE, "state is absent", List.of(), blocked);
        }
        if (live == null) {
            return change(p, Action.CREATE, "not found", Diffs.between("spec", Map.of(), spec), null);
        }
        List<FieldDiff> diff = Diffs.between("spec", live.spec(), spec);
        if (!live.type().equals(p.type())) {
            return change(p, Action.REPLACE, "type changed from " + live.type(),
                    List.of(new FieldDiff("type", live.type(), p.type())), blocked);
        }
        boolean specChanged = unresolved ? !diff.isEmpty() : !live.specHash().equals(SpecHash.of(p.type(), spec));
        if (!specChanged && live.status() == Observed.Status.FAILED) {
            // A type that can update in place repairs itself by applying the same spec again.
            String reason = "last change failed" + (live.message().isEmpty() ? "" : ": " + live.message());
            return types.get(p.type()) instanceof Updater ? change(p, Action.UPDATE, reason, diff, null)
                    : change(p, Action.REPLACE, reason, diff, blocked);
        }
        if (specChanged) {
            List<String> fields = Diffs.topLevelFields(diff);
            ParticleType type = types.get(p.type());
            boolean replace = !(type instanceof Updater u) || fields.stream().anyMatch(u.replaceOn()::contains);
            String reason = (unresolved ? "depends on values known after apply: " : "changed: ")
                    + String.join(", ", fields);
            return replace ? change(p, Action.REPLACE, reason, diff, blocked) : change(p, Action.UPDATE, reason, diff, null);
        }
        if (p.state() == DesiredState.STOPPED && live.running()) {
            return change(p, Action.STOP, "state is stopped", List.of(new FieldDiff("state", "running", "stopped")), null);
        }
        if (p.state() == DesiredState.RUNNING && !live.running()) {
            return change(p, Action.START, "state is running", List.of(new FieldDiff("state", "stopped", "running")), null);
        }
        if (live.status().inProgress()) {
            return change(p, Action.NOOP, "in progress" + (live.message().isEmpty() ? "" : ": " + live.message()),
                    List.of(), null);
        }
        return change(p, Action.NOOP, "up to date", List.of(), null);
    }

    private static Change change(Particle p, Action action, String reason, List<FieldDiff> diff, String blocked) {
        boolean refusable = action == Action.DELETE || action == Action.REPLACE;
        return new Change(p.name(), p.type(), action, reason, diff, refusable ? blocked : null);
    }
}

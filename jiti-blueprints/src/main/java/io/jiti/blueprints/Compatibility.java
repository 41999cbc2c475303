package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.blueprints.Incompatibility.Kind;
import io.jiti.load.TypeCatalog;
import io.jiti.load.TypeInfo;
import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.plan.Plan;
import io.jiti.plan.Planner;
import io.jiti.plan.SpecHash;
import io.jiti.spi.Observed;
import io.jiti.spi.ParticleType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Whether a blueprint version may follow another as a minor version: the parameter and output rules
 * ({@link SchemaDiff}) and, for each sample parameter set of both bundles, the plan of the new version's
 * members against the old version's as if those were live (the blast radius), with a provider's types
 * deciding what is an update and what a replace. A replaced or deleted member breaks compatibility.
 */
public final class Compatibility {
    private final Registry registry;
    private final Map<String, ParticleType> types;
    private final Path baseDir;

    /**
     * @param registry where nested blueprints are found
     * @param types    a provider's types: which changes it makes in place
     * @param baseDir  the directory relative paths of members are resolved against
     */
    public Compatibility(Registry registry, Map<String, ParticleType> types, Path baseDir) {
        this.registry = registry;
        this.types = types;
        this.baseDir = baseDir;
    }

    /**
     * What a stack would see of one sample: its parameters, the members per action, and why it was not
     * planned when it was not.
     *
     * @param parameters the sample
     * @param members    per action, the members it applies to (no-ops left out)
     * @param skipped    why this sample was not compared, or null
     */
    public record Impact(JsonNode parameters, Map<Action, List<String>> members, String skipped) {
    }

    /**
     * The result of a check.
     *
     * @param problems what breaks compatibility (empty: compatible)
     * @param impacts  the blast radius, per sample
     */
    public record Report(List<Incompatibility> problems, List<Impact> impacts) {
        /** Whether the new version is a compatible minor of the old one. */
        public boolean compatible() {
            return problems.isEmpty();
        }
    }

    /** Checks {@code next} as a successor of {@code old}. */
    public Report check(Blueprint old, Blueprint next) {
        List<Incompatibility> problems = new ArrayList<>();
        boolean sameMajor = old.version().major() == next.version().major();
        if (!old.name().equals(next.name())) {
            problems.add(new Incompatibility(Kind.NOT_A_MINOR_UPGRADE, "the bundles are different blueprints ("
                    + old.name() + ", " + next.name() + ")"));
        } else if (sameMajor && next.version().minor() <= old.version().minor()) {
            problems.add(new Incompatibility(Kind.NOT_A_MINOR_UPGRADE, next.id() + " does not follow " + old.id()
                    + ": a new minor version is higher"));
        }
        if (sameMajor) {
            problems.addAll(SchemaDiff.between(old, next));
        }
        List<Impact> impacts = new ArrayList<>();
        LinkedHashSet<JsonNode> samples = new LinkedHashSet<>(Samples.of(old));
        int fromOld = samples.size();
        samples.addAll(Samples.of(next));
        int i = 0;
        for (JsonNode sample : samples) {
            impacts.add(impact(old, next, sample, ++i, i <= fromOld, sameMajor ? problems : new ArrayList<>()));
        }
        return new Report(List.copyOf(problems), List.copyOf(impacts));
    }

    private Impact impact(Blueprint old, Blueprint next, JsonNode sample, int n, boolean oldSample,
            List<Incompatibility> problems) {
        Stack before;
        try {
            before = Samples.render(old, sample, Samples.PARTICLE, registry, baseDir);
        } catch (InvalidStackException e) {
            return new Impact(sample, Map.of(), (oldSample ? "does not render with " : "uses what ") + old.id()
                    + (oldSample ? ": " + e.getMessage() : " does not have"));
        }
        Stack after;
        try {
            after = Samples.render(next, sample, Samples.PARTICLE, registry, baseDir);
        } catch (InvalidStackException e) {
            problems.add(new Incompatibility(Kind.SAMPLE_BROKEN, "sample " + n + " " + sample + " renders with "
                    + old.id() + " but not with " + next.id() + ": " + e.getMessage()));
            return new Impact(sample, Map.of(), "does not render with " + next.id());
        }
        Plan plan = new Planner(types).plan(after, observed(before));
        Map<Action, List<String>> members = new EnumMap<>(Action.class);
        for (Change c : plan.changes()) {
            if (c.action() != Action.NOOP) {
                members.computeIfAbsent(c.action(), a -> new ArrayList<>()).add(c.particle());
            }
            if (c.action() == Action.REPLACE || c.action() == Action.DELETE) {
                problems.add(new Incompatibility(Kind.DESTRUCTIVE_CHANGE, "sample " + n + " " + sample + ": member "
                        + c.particle() + " would be " + (c.action() == Action.REPLACE ? "replaced" : "deleted") + " ("
                        + c.reason() + ")"));
            }
        }
        return new Impact(sample, members, null);
    }

    /** The old version's members as if they were live, their outputs standing for themselves. */
    private static Map<String, Observed> observed(Stack stack) {
        TypeCatalog catalog = Samples.types();
        Map<String, Observed> out = new LinkedHashMap<>();
        for (Particle p : stack.particles()) {
            Map<String, Object> outputs = new LinkedHashMap<>();
            catalog.type(p.type()).map(TypeInfo::outputs).orElse(Map.of()).keySet()
                    .forEach(o -> outputs.put(o, "${" + p.name() + "." + o + "}"));
            out.put(p.name(), new Observed(stack.name(), p.name(), p.type(), SpecHash.of(p.type(), p.spec()), p.spec(),
                    p.state() != io.jiti.api.DesiredState.STOPPED, Observed.Status.READY, "", outputs, p.protect(),
                    p.dependsOn(), List.of()));
        }
        return out;
    }
}

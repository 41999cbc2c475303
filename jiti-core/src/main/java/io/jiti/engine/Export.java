package io.jiti.engine;

import io.jiti.api.DesiredState;
import io.jiti.api.JitiException;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.load.References;
import io.jiti.plan.Graph;
import io.jiti.plan.SpecHash;
import io.jiti.spi.Desired;
import io.jiti.spi.Exportable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack as an {@link Exportable} provider would apply it: particles in dependency order, each reference
 * resolved with the outputs the provider plans for the particle it names. Particles that are {@code absent}
 * are left out.
 */
public final class Export {
    private Export() {
    }

    /** The provider's document for {@code stack}. */
    @SuppressWarnings("unchecked")
    public static String of(Stack stack, Exportable provider) {
        Graph graph = Graph.of(stack);
        Map<String, Particle> byName = new HashMap<>();
        stack.particles().forEach(p -> byName.put(p.name(), p));
        Map<String, Map<String, Object>> outputs = new HashMap<>();
        List<Desired> out = new ArrayList<>();
        for (String name : graph.topologicalOrder()) {
            Particle p = byName.get(name);
            if (p == null || p.state() == DesiredState.ABSENT) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) References.resolveAll(p.spec(), ref -> {
                Object v = outputs.getOrDefault(ref.particle(), Map.of()).get(ref.output());
                if (v == null) {
                    throw new JitiException("cannot export: " + ref + " is known only once " + ref.particle()
                            + " exists (the provider plans no value for it)");
                }
                return String.valueOf(v);
            });
            Map<String, Object> planned = provider.plannedOutputs(stack.name(), name, p.type(), spec);
            outputs.put(name, planned == null ? Map.of() : planned);
            out.add(new Desired(stack.name(), name, p.type(), spec, SpecHash.of(p.type(), spec), p.state(),
                    p.protect(), graph.dependenciesOf(name), stack.baseDir()));
        }
        return provider.export(out);
    }
}

package io.jiti.blueprints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.Stack;
import io.jiti.load.StackLoader;
import io.jiti.load.TypeCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders one blueprint version on its own, as a stack holding one particle of it: what {@code jiti
 * blueprint render} prints, what {@code test} validates and what {@code check} compares. The result is
 * validated like any stack ({@link io.jiti.api.InvalidStackException} with located problems).
 */
public final class Samples {
    /** The name the particle gets when none is given. */
    public static final String PARTICLE = "sample";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Samples() {
    }

    /**
     * The stack {@code stack} holding the particle {@code particle} of {@code b} with {@code parameters};
     * nested blueprints come from {@code registry}, {@code b} itself wins over a bundle of the same version
     * there.
     */
    public static Stack render(Blueprint b, JsonNode parameters, String particle, Registry registry, Path baseDir) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("stack", "blueprint-" + b.name());
        ObjectNode p = doc.putArray("particles").addObject();
        p.put("name", particle);
        p.put("type", "blueprint:" + b.id());
        p.set("spec", parameters == null ? JSON.createObjectNode() : parameters);
        StackLoader loader = new StackLoader(types(),
                List.of(new BlueprintExpander(source -> registry.preferring(b.placeholders()))));
        return loader.parse(doc.toPrettyString(), "rendered " + b.id(), baseDir);
    }

    /**
     * The types blueprints are rendered and checked against: those of the default provider ({@code local}),
     * whose fields (such as {@code build}) the standard blueprints use.
     */
    public static TypeCatalog types() {
        return TypeCatalog.forProvider(Stack.DEFAULT_PROVIDER);
    }

    /** The bundle's sample parameter sets; one empty set when it has none. */
    public static List<JsonNode> of(Blueprint b) {
        List<JsonNode> out = new ArrayList<>();
        b.samples().forEach(out::add);
        if (out.isEmpty()) {
            out.add(JSON.createObjectNode());
        }
        return out;
    }
}

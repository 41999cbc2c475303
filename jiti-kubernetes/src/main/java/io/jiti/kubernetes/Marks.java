package io.jiti.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.jiti.api.JitiException;
import io.jiti.spi.Desired;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ownership marks jiti puts on every object it makes: labels to find a stack's objects
 * ({@code app.kubernetes.io/managed-by: jiti}, stack, particle, type) and, on a particle's main object,
 * annotations with what it was made from (spec hash, spec, protect, dependencies).
 */
final class Marks {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String STACK = "jiti.io/stack";
    static final String PARTICLE = "jiti.io/particle";
    static final String TYPE = "jiti.io/type";
    static final String SPEC_HASH = "jiti.io/spec-hash";
    static final String SPEC = "jiti.io/spec";
    static final String PROTECT = "jiti.io/protect";
    static final String DEPENDS_ON = "jiti.io/depends-on";
    static final String JITI = "jiti";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Marks() {
    }

    /** The name of a particle's objects: its name with a blueprint member's dots as dashes (a DNS label). */
    static String objectName(String particle) {
        return particle.replace('.', '-');
    }

    /** The labels that select a particle's objects (and its pods). */
    static Map<String, String> selector(String stack, String particle) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(STACK, stack);
        out.put(PARTICLE, particle);
        return out;
    }

    /** Every label of a particle's objects. */
    static Map<String, String> labels(Desired d) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(MANAGED_BY, JITI);
        out.putAll(selector(d.stack(), d.name()));
        out.put(TYPE, d.type());
        return out;
    }

    /** The metadata of a particle's object called {@code name}: labels, and the annotations when {@code main}. */
    static ObjectMeta meta(Desired d, String name, String namespace, boolean main) {
        ObjectMetaBuilder b = new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels(d));
        if (main) {
            b.withAnnotations(annotations(d));
        }
        return b.build();
    }

    /** What the main object records of the particle it was made for. */
    static Map<String, String> annotations(Desired d) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(SPEC_HASH, d.specHash());
        try {
            out.put(SPEC, JSON.writeValueAsString(d.spec()));
        } catch (JsonProcessingException e) {
            throw new JitiException("cannot write the spec of " + d.name(), e);
        }
        out.put(PROTECT, Boolean.toString(d.protect()));
        out.put(DEPENDS_ON, String.join(",", d.dependsOn()));
        return out;
    }

    /** The spec an object was made from, read back from its annotation. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(HasMetadata o) {
        String text = annotation(o, SPEC);
        if (text.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    static String annotation(HasMetadata o, String key) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        return a == null ? "" : a.getOrDefault(key, "");
    }

    static String label(HasMetadata o, String key) {
        Map<String, String> l = o.getMetadata().getLabels();
        return l == null ? "" : l.getOrDefault(key, "");
    }

    static List<String> dependsOn(HasMetadata o) {
        String text = annotation(o, DEPENDS_ON);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}

package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jiti.spi.Desired;
import java.util.List;
import java.util.Map;

/** What one portable type is on Kubernetes: the objects of a particle and the outputs it will have. */
interface Manifests {

    /** The objects of {@code d} in {@code namespace}, its main object (the one that carries the marks) first. */
    List<HasMetadata> of(Desired d, String namespace);

    /** The outputs a particle of this type has, known from its spec and place alone. */
    Map<String, Object> outputs(String stack, String name, Map<String, Object> spec, String namespace);

    /**
     * The values of a Secret of this particle ({@code secret}, named as in {@link #of}) that does not exist
     * yet, by key: generated, or read from {@code env}; none for a type without secrets. A Secret that exists
     * keeps its values (they are never in a manifest or a plan).
     */
    default Map<String, String> freshValues(Desired d, String secret, Map<String, String> env) {
        return Map.of();
    }

    /** The cluster DNS name of a Service called {@code name}. */
    static String host(String name, String namespace) {
        return Marks.objectName(name) + "." + namespace + ".svc.cluster.local";
    }

    /** An integer field of a spec, or {@code fallback}. */
    static int integer(Map<String, Object> spec, String field, int fallback) {
        return spec.get(field) instanceof Number n ? n.intValue() : fallback;
    }

    /** A string field of a spec, or {@code fallback}. */
    static String text(Map<String, Object> spec, String field, String fallback) {
        Object v = spec.get(field);
        return v == null ? fallback : String.valueOf(v);
    }

    /** A mapping field of a spec, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> spec, String field) {
        return spec.get(field) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}

package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.jiti.spi.Desired;
import java.util.List;
import java.util.Map;

/** {@code secret}: an Opaque Secret with the value under {@code value}; the manifest never holds it. */
final class SecretManifests implements Manifests {
    static final String KEY = "value";

    @Override
    public List<HasMetadata> of(Desired d, String namespace) {
        return List.of(new SecretBuilder().withMetadata(Marks.meta(d, Marks.objectName(d.name()), namespace, true))
                .withType("Opaque").build());
    }

    @Override
    public Map<String, String> freshValues(Desired d, String secret, Map<String, String> env) {
        return Map.of(KEY, Generated.value(d.name(), d.spec(), env));
    }

    @Override
    public Map<String, Object> outputs(String stack, String name, Map<String, Object> spec, String namespace) {
        return Map.of(KEY, new SecretRef(stack, Marks.objectName(name), KEY).toString());
    }
}

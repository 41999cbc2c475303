package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jiti.spi.Desired;
import java.util.List;
import java.util.Map;

/** {@code file}: a ConfigMap holding the file under its name, mounted by the pods that name its path. */
final class FileManifests implements Manifests {

    @Override
    public List<HasMetadata> of(Desired d, String namespace) {
        return List.of(new ConfigMapBuilder().withMetadata(Marks.meta(d, Marks.objectName(d.name()), namespace, true))
                .withData(Map.of(filename(d.name(), d.spec()), Manifests.text(d.spec(), "content", ""))).build());
    }

    private static String filename(String name, Map<String, Object> spec) {
        return Manifests.text(spec, "filename", name);
    }

    @Override
    public Map<String, Object> outputs(String stack, String name, Map<String, Object> spec, String namespace) {
        return Map.of("path", PodEnv.FILES + Marks.objectName(name) + "/" + filename(name, spec));
    }
}

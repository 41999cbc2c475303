package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.jiti.spi.Desired;
import java.util.List;
import java.util.Map;

/** {@code job}: a Job of one pod that is not restarted in place; a changed spec is a new Job (a replace). */
final class JobManifests implements Manifests {

    @Override
    public List<HasMetadata> of(Desired d, String namespace) {
        Map<String, Object> spec = d.spec();
        String name = Marks.objectName(d.name());
        Map<String, Object> env = ServiceManifests.env(spec);
        java.util.Set<String> files = PodEnv.files(env);
        ContainerBuilder c = new ContainerBuilder().withName(name).withImage(Manifests.text(spec, "image", ""))
                .withEnv(PodEnv.of(env, Map.of()))
                .withVolumeMounts(files.stream().map(PodEnv::mount).toList());
        if (spec.get("command") != null) {
            c.withCommand("sh", "-c", String.valueOf(spec.get("command")));
        }
        return List.of(new JobBuilder().withMetadata(Marks.meta(d, name, namespace, true)).withNewSpec()
                .withBackoffLimit(Manifests.integer(spec, "backoffLimit", 0))
                .withNewTemplate()
                .withNewMetadata().withLabels(Marks.labels(d)).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withContainers(c.build())
                .withVolumes(files.stream().map(PodEnv::volume).toList())
                .endSpec().endTemplate().endSpec().build());
    }

    /** Dependents run only after the job succeeded: then its exit code is 0. */
    @Override
    public Map<String, Object> outputs(String stack, String name, Map<String, Object> spec, String namespace) {
        return Map.of("exitCode", 0);
    }
}

package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jiti.spi.Observed;
import io.jiti.spi.ProviderException;
import io.jiti.spi.Rotatable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code secret} on Kubernetes: replaced on change, and rotatable: a new value goes into the Secret and every
 * Deployment of the stack whose pods read it is restarted (a rolling restart, as {@code kubectl rollout
 * restart} does), since a pod's environment is fixed when it starts.
 */
final class RotatingSecret extends KubeType implements Rotatable {

    RotatingSecret(TypeRow row, Cluster cluster, Map<String, String> env) {
        super(row, cluster, env);
    }

    @Override
    public List<String> rotate(Observed current) {
        String ns = cluster().namespace(current.stack());
        String name = Marks.objectName(current.name());
        Secret live = cluster().get(Secret.class, ns, name);
        if (live == null) {
            throw new ProviderException("secret " + current.name() + " does not exist in namespace " + ns, false);
        }
        String value = Generated.value(current.name(), current.spec(), env());
        cluster().apply(new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .withLabels(live.getMetadata().getLabels()).withAnnotations(live.getMetadata().getAnnotations())
                .endMetadata().withType("Opaque").withData(Map.of(SecretManifests.KEY,
                        Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))).build());
        List<String> restarted = new ArrayList<>();
        for (Deployment d : cluster().list(Deployment.class, ns, Map.of(Marks.STACK, current.stack()))) {
            if (reads(d, name)) {
                cluster().call(() -> cluster().client().apps().deployments().inNamespace(ns)
                        .withName(d.getMetadata().getName()).rolling().restart());
                restarted.add(Marks.label(d, Marks.PARTICLE));
            }
        }
        return restarted;
    }

    private static boolean reads(Deployment d, String secret) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty() : c.getEnv().stream())
                .anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                        && secret.equals(e.getValueFrom().getSecretKeyRef().getName()));
    }
}

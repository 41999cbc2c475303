package io.jiti.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.ProviderFactory;
import io.jiti.spi.TypeSchemas;
import java.util.Map;

/**
 * Makes the {@code kubernetes} provider. Settings (from the context's environment): {@code KUBECONFIG} (the
 * kubeconfig files, default {@code ~/.kube/config}; in a pod, its service account),
 * {@code JITI_KUBE_CONTEXT} (the kubeconfig context, default its current one), {@code JITI_KUBE_NAMESPACE}
 * (one namespace for every stack; default: a namespace per stack, named after it), {@code JITI_TIMEOUT}
 * (seconds one operation may take, default 120).
 */
public final class KubernetesProviderFactory implements ProviderFactory {
    /** The provider id. */
    public static final String ID = "kubernetes";
    private static final Map<String, JsonNode> TYPES = TypeSchemas.read(KubernetesProviderFactory.class, "types.json");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Provider create(ProviderContext context) {
        Map<String, String> env = context.env();
        String namespace = env.get("JITI_KUBE_NAMESPACE");
        return new KubernetesProvider(() -> new KubernetesClientBuilder().withConfig(config(env)).build(),
                namespace == null || namespace.isBlank() ? null : namespace, context.operationTimeout(), env);
    }

    /**
     * The client's settings: the context of the first kubeconfig file {@code KUBECONFIG} names, else what
     * fabric8 finds by itself ({@code ~/.kube/config}, or a pod's service account).
     */
    static Config config(Map<String, String> env) {
        String context = env.get("JITI_KUBE_CONTEXT");
        String kubeconfig = env.get("KUBECONFIG");
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            java.io.File first = new java.io.File(kubeconfig.split(java.io.File.pathSeparator)[0]);
            if (!first.isFile()) {
                throw new io.jiti.spi.ProviderException("KUBECONFIG names " + first + ", which is not a file", false);
            }
            return Config.fromKubeconfig(context == null || context.isBlank() ? null : context, first);
        }
        return Config.autoConfigure(context == null || context.isBlank() ? null : context);
    }

    /**
     * What the kubernetes provider adds to the portable types ({@code types.json} beside this class): images,
     * ports, resources and node selectors, in-cluster outputs and connection variables, and the types a
     * cluster cannot offer.
     */
    @Override
    public Map<String, JsonNode> typeSchemas() {
        return TYPES;
    }
}

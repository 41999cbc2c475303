package io.jiti.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.ProviderFactory;
import io.jiti.spi.ProviderSettingsException;
import io.jiti.spi.TypeSchemas;
import java.util.List;
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
    private static final int RETRIES = 1;
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
        String wanted = env.get("JITI_KUBE_CONTEXT");
        String context = wanted == null || wanted.isBlank() ? null : wanted;
        String kubeconfig = env.get("KUBECONFIG");
        Config config;
        String where;
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            java.io.File first = new java.io.File(kubeconfig.split(java.io.File.pathSeparator)[0]);
            if (!first.isFile()) {
                throw new ProviderSettingsException("KUBECONFIG names " + first + ", which is not a file");
            }
            config = Config.fromKubeconfig(context, first);
            where = first.toString();
        } else {
            config = Config.autoConfigure(context);
            where = "the kubeconfig (~/.kube/config)";
        }
        if (context != null && (config.getCurrentContext() == null
                || !context.equals(config.getCurrentContext().getName()))) {
            List<String> known = config.getContexts() == null ? List.of()
                    : config.getContexts().stream().map(NamedContext::getName).sorted().toList();
            throw new ProviderSettingsException("kubeconfig context '" + context + "' is not in " + where
                    + (known.isEmpty() ? ", which has no contexts" : " (its contexts: " + String.join(", ", known) + ")"));
        }
        // one quick retry of a lost request; the engine retries a server error or throttling within its deadline
        config.setRequestRetryBackoffLimit(RETRIES);
        return config;
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

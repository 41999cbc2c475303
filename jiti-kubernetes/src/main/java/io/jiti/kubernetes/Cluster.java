package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.jiti.spi.ProviderException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The cluster as the provider uses it: one client, made on first use (an export needs none), the namespace
 * of a stack, server-side apply with field manager {@value #MANAGER}, and API errors as provider errors.
 */
final class Cluster implements AutoCloseable {
    static final String MANAGER = "jiti";
    private final Supplier<KubernetesClient> connect;
    private final String fixedNamespace;
    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
    private volatile KubernetesClient client;

    /**
     * @param connect        makes the client (from a kubeconfig context, or in-cluster)
     * @param fixedNamespace the namespace of every stack, or null for one namespace per stack (named after it)
     */
    Cluster(Supplier<KubernetesClient> connect, String fixedNamespace) {
        this.connect = connect;
        this.fixedNamespace = fixedNamespace;
    }

    KubernetesClient client() {
        KubernetesClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = connect.get();
                }
                c = client;
            }
        }
        return c;
    }

    /** The namespace of {@code stack}'s objects. */
    String namespace(String stack) {
        return fixedNamespace != null ? fixedNamespace : stack;
    }

    /** Makes the namespace of {@code stack} when it is missing (never deleted: it may hold more than jiti's). */
    void ensureNamespace(String stack) {
        String ns = namespace(stack);
        if (namespaces.contains(ns)) {
            return;
        }
        call(() -> client().namespaces().withName(ns).get() != null ? null
                : apply(new NamespaceBuilder().withNewMetadata().withName(ns)
                        .withLabels(Map.of(Marks.MANAGED_BY, Marks.JITI)).endMetadata().build()));
        namespaces.add(ns);
    }

    /** Server-side apply of {@code o}: jiti owns the fields it sets, unknown fields are refused. */
    <T extends HasMetadata> T apply(T o) {
        return call(() -> client().resource(o).fieldValidation(FieldValidateable.Validation.STRICT)
                .fieldManager(MANAGER).forceConflicts().serverSideApply());
    }

    /** The objects of {@code kind} in {@code namespace} with {@code labels}. */
    <T extends HasMetadata> List<T> list(Class<T> kind, String namespace, Map<String, String> labels) {
        return call(() -> client().resources(kind).inNamespace(namespace).withLabels(labels).list().getItems());
    }

    /** The object of {@code kind} called {@code name}, or null. */
    <T extends HasMetadata> T get(Class<T> kind, String namespace, String name) {
        return call(() -> client().resources(kind).inNamespace(namespace).withName(name).get());
    }

    /** Deletes the objects of {@code kind} in {@code namespace} with {@code labels}, in the background. */
    void delete(Class<? extends HasMetadata> kind, String namespace, Map<String, String> labels) {
        call(() -> client().resources(kind).inNamespace(namespace).withLabels(labels)
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete());
    }

    /**
     * Runs an API call; a failure becomes a provider error, retryable when trying again may help (a conflict,
     * throttling, a server error). A cluster that does not answer is not retried by the engine (the client
     * already tried again once): its error says where jiti looked.
     */
    <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (KubernetesClientException e) {
            int code = e.getCode();
            if (code <= 0) {
                throw new ProviderException("cannot reach the Kubernetes API" + where() + ": " + reason(e), false, e);
            }
            boolean retryable = code == 409 || code == 429 || code >= 500;
            String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getMessage();
            throw new ProviderException("Kubernetes API (HTTP " + code + "): " + status, retryable, e);
        }
    }

    /** The server and kubeconfig context the client talks to. */
    private String where() {
        KubernetesClient c = client;
        if (c == null) {
            return "";
        }
        var context = c.getConfiguration().getCurrentContext();
        return " at " + c.getMasterUrl() + (context == null ? "" : " (kubeconfig context '" + context.getName() + "')");
    }

    /** The innermost cause's words (a refused connection, an unknown host, a certificate not trusted). */
    private static String reason(Throwable e) {
        Throwable root = e;
        String said = null;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null && !root.getMessage().isBlank()) {
                said = root.getMessage();
            }
        }
        String kind = root.getClass().getSimpleName();
        return said == null ? "no connection (" + kind + ")" : said + " (" + kind + ")";
    }

    @Override
    public void close() {
        KubernetesClient c = client;
        if (c != null) {
            c.close();
        }
    }
}

package io.jiti.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jiti.spi.ProviderContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the Kubernetes tests run: by default fabric8's mock API server in CRUD mode on loopback, with
 * server-side apply ({@link ApplyingDispatcher}) and the cluster's controllers played by {@link Controllers};
 * with {@code JITI_KUBE_IT=1}, the real cluster of the kubeconfig ({@code KUBECONFIG},
 * {@code JITI_KUBE_CONTEXT}), such as a kind cluster with the examples' images loaded. Closing it stops the
 * mock, or on a real cluster deletes the namespaces the tests made.
 */
final class TestCluster implements AutoCloseable {
    /** Whether the tests run against a real cluster. */
    static final boolean REAL = "1".equals(System.getenv("JITI_KUBE_IT"));
    /** The mock's apply log; null on a real cluster. */
    final ApplyingDispatcher dispatcher;
    /** A client of the tests' own (a provider gets its own, which it closes). */
    final KubernetesClient client;
    private final KubernetesMockServer server;
    private final Controllers controllers;
    private final List<String> namespaces;

    /** @param namespaces the namespaces the tests make (deleted afterwards on a real cluster) */
    TestCluster(String... namespaces) {
        this.namespaces = List.of(namespaces);
        if (REAL) {
            dispatcher = null;
            server = null;
            controllers = null;
            client = new KubernetesClientBuilder().build();
        } else {
            dispatcher = new ApplyingDispatcher();
            server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
            server.init(InetAddress.getLoopbackAddress(), 0);
            client = server.createClient();
            controllers = new Controllers(server.createClient());
        }
    }

    /** The mock API server's URL (only without {@code JITI_KUBE_IT}). */
    String url() {
        return server.url("/");
    }

    /** A provider on this cluster, one namespace per stack. */
    KubernetesProvider provider() {
        return provider(Map.of());
    }

    KubernetesProvider provider(Map<String, String> env) {
        if (REAL) {
            return (KubernetesProvider) new KubernetesProviderFactory().create(ProviderContext.of(System.getenv()));
        }
        return new KubernetesProvider(server::createClient, null, Duration.ofSeconds(20), env);
    }

    @Override
    public void close() {
        if (REAL) {
            namespaces.forEach(ns -> client.namespaces().withName(ns).delete());
        } else {
            controllers.close();
            server.destroy();
        }
        client.close();
    }
}

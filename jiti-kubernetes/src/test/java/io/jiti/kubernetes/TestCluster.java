package io.jiti.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jiti.spi.ProviderContext;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the Kubernetes tests run: by default fabric8's mock API server in CRUD mode on loopback, with
 * server-side apply ({@link ApplyingDispatcher}) and the cluster's controllers played by {@link Controllers};
 * with {@code JITI_KUBE_IT=1}, the real cluster of the kubeconfig ({@code KUBECONFIG},
 * {@code JITI_KUBE_CONTEXT}), such as a kind cluster with the examples' images loaded. Closing it stops the
 * mock, or on a real cluster deletes the namespaces the tests made. Other modules' tests (the CLI's) use it
 * from this module's test jar.
 */
public final class TestCluster implements AutoCloseable {
    /** Whether the tests run against a real cluster. */
    public static final boolean REAL = "1".equals(System.getenv("JITI_KUBE_IT"));
    /** The mock's apply log; null on a real cluster. */
    final ApplyingDispatcher dispatcher;
    /** A client of the tests' own (a provider gets its own, which it closes). */
    public final KubernetesClient client;
    private final KubernetesMockServer server;
    private final Controllers controllers;
    private final List<String> namespaces;

    /** @param namespaces the namespaces the tests make (deleted afterwards on a real cluster) */
    public TestCluster(String... namespaces) {
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

    /**
     * The environment that points {@code jiti} (its kubernetes provider) at this cluster: on the mock, a
     * kubeconfig written to {@code dir} whose current context is {@code elsewhere} (nothing listens there)
     * and {@code JITI_KUBE_CONTEXT=mock}; on a real cluster, the tests' own {@code KUBECONFIG} and
     * {@code JITI_KUBE_CONTEXT}.
     */
    public Map<String, String> jitiEnv(Path dir) throws IOException {
        Map<String, String> env = new HashMap<>();
        if (REAL) {
            for (String name : List.of("KUBECONFIG", "JITI_KUBE_CONTEXT", "HOME")) {
                if (System.getenv(name) != null) {
                    env.put(name, System.getenv(name));
                }
            }
        } else {
            env.put("KUBECONFIG", kubeconfig(dir.resolve("kubeconfig"), "elsewhere").toString());
            env.put("JITI_KUBE_CONTEXT", "mock");
        }
        return env;
    }

    /**
     * Writes a kubeconfig with two contexts, {@code mock} (this mock API server) and {@code elsewhere} (a
     * loopback port nothing listens on), {@code current} being the current one.
     */
    Path kubeconfig(Path file, String current) throws IOException {
        return Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: elsewhere
                    cluster: {server: "https://127.0.0.1:1"}
                  - name: mock
                    cluster: {server: "%s"}
                users:
                  - name: tester
                    user: {token: "not-checked-by-the-mock"}
                contexts:
                  - name: elsewhere
                    context: {cluster: elsewhere, user: tester}
                  - name: mock
                    context: {cluster: mock, user: tester}
                current-context: %s
                """.formatted(url(), current));
    }

    /** A provider on this cluster, one namespace per stack. */
    KubernetesProvider provider() {
        return provider(Map.of());
    }

    KubernetesProvider provider(Map<String, String> env) {
        if (REAL) {
            return (KubernetesProvider) new KubernetesProviderFactory().create(ProviderContext.of(System.getenv()));
        }
        return new KubernetesProvider(this::providerClient, null, Duration.ofSeconds(20), env);
    }

    /** A client of the mock that the dispatcher knows as the provider's (by its token). */
    private KubernetesClient providerClient() {
        return new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
                io.fabric8.kubernetes.client.Config.empty()).withMasterUrl(url())
                .withOauthToken(ApplyingDispatcher.PROVIDER_TOKEN).build()).build();
    }

    /** Stops the mock (with its controllers), or deletes the tests' namespaces on a real cluster. */
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

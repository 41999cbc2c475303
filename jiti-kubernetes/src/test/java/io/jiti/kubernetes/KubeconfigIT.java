package io.jiti.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.Reconciler;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.ProviderException;
import io.jiti.spi.ProviderSettingsException;
import io.jiti.spi.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider as {@code jiti} makes it ({@code ServiceLoader}, settings from the environment): the context
 * of a kubeconfig file, and one namespace for every stack when {@code JITI_KUBE_NAMESPACE} says so.
 */
class KubeconfigIT {
    private static TestCluster cluster;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Assumptions.assumeFalse(TestCluster.REAL, "this test points a kubeconfig at the mock API server");
        cluster = new TestCluster();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Path kubeconfig() throws java.io.IOException {
        return cluster.kubeconfig(dir.resolve("kubeconfig"), "elsewhere");
    }

    @Test
    void theNamedContextOfTheKubeconfigIsWhereParticlesGo() throws Exception {
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig().toString(), "JITI_KUBE_CONTEXT", "mock",
                "JITI_KUBE_NAMESPACE", "shared", "JITI_HOME", dir.toString(), "JITI_TIMEOUT", "20");
        try (Provider p = Providers.create("kubernetes", ProviderContext.of(env))) {
            Stack stack = Stack.named("configured").particle(Particle.of("motd", "file").spec("content", "hi")).build();
            Reconciler r = new Reconciler(p, ApplyListener.none(), ApplyOptions.defaults());
            assertThat(r.apply(stack).ok()).isTrue();
            assertThat(cluster.client.configMaps().inNamespace("shared").withName("motd").get().getData())
                    .containsEntry("motd", "hi");
            assertThat(r.destroy("configured").ok()).isTrue();
        }
    }

    @Test
    void aKubeconfigThatIsNotAFileIsSaidSo() {
        Map<String, String> env = Map.of("KUBECONFIG", dir.resolve("missing").toString(), "JITI_HOME", dir.toString());
        try (Provider p = Providers.create("kubernetes", ProviderContext.of(env))) {
            assertThatThrownBy(() -> p.types().get("file").list("any"))
                    .isInstanceOf(ProviderSettingsException.class).hasMessageContaining("KUBECONFIG names").hasMessageContaining("which is not a file");
        }
    }

    @Test
    void aContextTheKubeconfigLacksIsBadInputAndOneThatDoesNotAnswerSaysWhere() throws Exception {
        Map<String, String> env = Map.of("KUBECONFIG", kubeconfig().toString(), "JITI_KUBE_CONTEXT", "nope",
                "JITI_HOME", dir.toString());
        try (Provider p = Providers.create("kubernetes", ProviderContext.of(env))) {
            assertThatThrownBy(() -> p.types().get("file").list("any")).isInstanceOf(ProviderSettingsException.class)
                    .hasMessageContaining("kubeconfig context 'nope' is not in " + dir.resolve("kubeconfig"))
                    .hasMessageContaining("(its contexts: elsewhere, mock)");
        }
        Map<String, String> current = Map.of("KUBECONFIG", kubeconfig().toString(), "JITI_HOME", dir.toString());
        try (Provider p = Providers.create("kubernetes", ProviderContext.of(current))) {
            assertThatThrownBy(() -> p.types().get("file").list("any")).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("cannot reach the Kubernetes API at https://127.0.0.1:1/ (kubeconfig context"
                            + " 'elsewhere')")
                    .satisfies(e -> assertThat(((ProviderException) e).retryable()).isFalse());
        }
    }
}

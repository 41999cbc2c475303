package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code jiti export}: a provider's own description of a stack, made without touching the provider. */
class ExportCommandTest {

    @Test
    void theKubernetesManifestsOfHelloNeedNoCluster() {
        BadInputTest.Result r = BadInputTest.run("export", "--provider", "kubernetes", "../examples/hello");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("kind: \"Namespace\"", "kind: \"ConfigMap\"", "kind: \"Job\"",
                "kind: \"Deployment\"", "kind: \"Service\"", "kind: \"PodDisruptionBudget\"",
                "app.kubernetes.io/managed-by: \"jiti\"", "image: \"hello:1\"");
    }

    @Test
    void aProviderThatCannotExportIsBadInput() {
        BadInputTest.Result r = BadInputTest.run("export", "../examples/hello");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("provider 'local' cannot export its resources (kubernetes can: --provider kubernetes)");
    }

    @Test
    void typesAClusterLacksAreRefusedWithTheReason() {
        BadInputTest.Result r = BadInputTest.run("export", "--provider", "kubernetes", "../examples/shop");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("type 'bucket' is not supported on provider 'kubernetes'",
                "missing required field 'image'");
        assertThat(r.out()).isEmpty();
    }
}

package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jiti.kubernetes.TestCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jiti plan|up|status|down --provider kubernetes examples/hello} as a user runs them (the packaged
 * jar, a kubeconfig in {@code KUBECONFIG}), against fabric8's mock API server with the cluster's controllers
 * played by the kubernetes module's test cluster; with {@code JITI_KUBE_IT=1}, against the kubeconfig's
 * real cluster.
 */
class KubernetesCliIT {
    private static final String HELLO = Path.of("../examples/hello").toAbsolutePath().normalize().toString();
    private static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new TestCluster("hello");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void helloIsPlannedAppliedConvergedAndTakenDownOnTheCluster(@TempDir Path home) throws Exception {
        JitiProcess jiti = new JitiProcess(home);
        cluster.jitiEnv(home).forEach(jiti::env);

        JitiProcess.Result plan = jiti.run("plan", "--provider", "kubernetes", HELLO);
        assertThat(plan.code()).as(plan.out()).isZero();
        assertThat(plan.out()).contains("greeting", "build", "web").contains("3 to create");
        assertThat(cluster.client.apps().deployments().inNamespace("hello").list().getItems())
                .as("a plan changes nothing").isEmpty();

        JitiProcess.Result up = jiti.run("up", "--provider", "kubernetes", HELLO);
        assertThat(up.code()).as(up.out()).isZero();
        assertThat(up.out()).contains("web.url = http://web.hello.svc.cluster.local");
        Deployment web = cluster.client.apps().deployments().inNamespace("hello").withName("web").get();
        assertThat(web.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "jiti")
                .containsEntry("jiti.io/particle", "web");
        assertThat(cluster.client.configMaps().inNamespace("hello").withName("greeting").get()).isNotNull();
        assertThat(cluster.client.batch().v1().jobs().inNamespace("hello").withName("build").get()).isNotNull();

        JitiProcess.Result again = jiti.run("plan", "--exit-code", "--provider", "kubernetes", HELLO);
        assertThat(again.code()).as(again.out()).isZero();

        JitiProcess.Result status = jiti.run("status", "--provider", "kubernetes", HELLO);
        assertThat(status.code()).as(status.out()).isZero();
        assertThat(status.out()).containsPattern("web +service +running");

        if (!TestCluster.REAL) { // the kubeconfig's current context is one where nothing listens: --context picks
            jiti.env("JITI_KUBE_CONTEXT", "");
            JitiProcess.Result elsewhere = jiti.run("status", "--provider", "kubernetes", HELLO);
            assertThat(elsewhere.code()).as(elsewhere.out()).isEqualTo(1);
            assertThat(elsewhere.out()).contains("cannot reach the Kubernetes API at https://127.0.0.1:1/",
                    "kubeconfig context 'elsewhere'");
            JitiProcess.Result unknown = jiti.run("status", "--provider", "kubernetes", "--context", "nope", HELLO);
            assertThat(unknown.code()).as(unknown.out()).isEqualTo(2);
            assertThat(unknown.out()).contains("kubeconfig context 'nope' is not in", "(its contexts: elsewhere, mock)");
            JitiProcess.Result mock = jiti.run("status", "--provider", "kubernetes", "--context", "mock", HELLO);
            assertThat(mock.code()).as(mock.out()).isZero();
            assertThat(mock.out()).containsPattern("web +service +running");
            jiti.env("JITI_KUBE_CONTEXT", "mock");
        }
        JitiProcess.Result local = jiti.run("plan", "--context", "mock", HELLO);
        assertThat(local.code()).as(local.out()).isEqualTo(2);
        assertThat(local.out()).contains("--context: only the kubernetes provider has contexts");

        JitiProcess.Result down = jiti.run("down", "--provider", "kubernetes", HELLO);
        assertThat(down.code()).as(down.out()).isZero();
        assertThat(cluster.client.apps().deployments().inNamespace("hello").list().getItems()).isEmpty();
        assertThat(cluster.client.configMaps().inNamespace("hello").withName("greeting").get()).isNull();
    }
}

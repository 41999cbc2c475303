package io.jiti.kubernetes;

import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.spi.Provider;
import io.jiti.testkit.ProviderContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The provider contract on the mock API server: files are ConfigMaps, jobs are Jobs. */
class KubernetesProviderContractIT extends ProviderContractTest {
    private static TestCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = new TestCluster();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    protected Provider newProvider() {
        return cluster.provider();
    }

    @Override
    protected java.util.Map<String, Object> serviceSpec() {
        return java.util.Map.of("image", "hello:1", "health", "/health");
    }

    @Override
    protected Stack sample(String name, String content, boolean withJob) {
        Stack.Builder b = Stack.named(name).baseDir(baseDir())
                .particle(Particle.of("config", "file").spec("content", content));
        if (withJob) {
            b.particle(Particle.of("check", "job").spec("image", "busybox:1.36")
                    .spec("command", "test -n '${config.path}'"));
        }
        return b.build();
    }
}

package io.jiti.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.embed.Jiti;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisionAtStartupIT {
    @Test
    void provisionsFromCodeIdempotentlyAndTearsDown() throws Exception {
        Path home = Files.createTempDirectory("jiti-embedded");
        Provider local = Providers.create("local", new ProviderContext(home, Map.of()));
        try (Jiti jiti = Jiti.using(local)) {
            Path settings = ProvisionAtStartup.provision(jiti);
            assertThat(Files.readString(settings)).contains("greeting=Hello from code");
            assertThat(jiti.plan(ProvisionAtStartup.infrastructure()).hasChanges()).isFalse();
            assertThat(jiti.down("embedded-demo", false).ok()).isTrue();
            assertThat(settings).doesNotExist();
        } finally {
            io.jiti.local.AgentClient agent = new io.jiti.local.AgentClient(new io.jiti.local.Home(home));
            java.util.List<Long> pids = agent.running().map(i -> java.util.List.of(i.pid(), i.watchdog()))
                    .orElse(java.util.List.of());
            agent.shutdown();
            // the agent and its watchdog end (the watchdog reads the home's stop mark), then the home goes too
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> pids.stream()
                    .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
            io.jiti.local.DurableFiles.deleteTree(home);
        }
    }
}

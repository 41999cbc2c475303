package io.jiti.local;

import io.jiti.spi.Provider;
import io.jiti.testkit.ProviderContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The provider contract against a real agent process. */
class LocalProviderContractIT extends ProviderContractTest {
    private static Path home;

    @BeforeAll
    static void home() throws IOException {
        home = io.jiti.testkit.TestDirs.create("jiti-contract");
    }

    @AfterAll
    static void stopAgent() {
        AgentFixture.stopAndRemove(home);
    }

    /** The hello example's app, run from its source: it listens on $PORT. */
    @Override
    protected java.util.Map<String, Object> serviceSpec() {
        return java.util.Map.of("command", "java " + AgentFixture.HELLO.resolve("Hello.java"), "health", "/health");
    }

    @Override
    protected Provider newProvider() {
        return new LocalProvider(home, Duration.ofSeconds(30));
    }
}

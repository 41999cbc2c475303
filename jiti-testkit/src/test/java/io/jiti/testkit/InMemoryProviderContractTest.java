package io.jiti.testkit;

import io.jiti.spi.Provider;
import java.time.Duration;

class InMemoryProviderContractTest extends ProviderContractTest {
    @Override
    protected Provider newProvider() {
        return new InMemoryProvider(Duration.ofMillis(1), 8, 2);
    }
}

package io.jiti.local;

import io.jiti.spi.Provider;
import io.jiti.testkit.StatefulTypeContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/** The stateful-type contract for every stateful type of the local provider, on a real agent. */
class LocalStatefulTypesContractIT extends StatefulTypeContractTest {
    private Path home;

    @Override
    protected Provider newProvider() throws Exception {
        home = io.jiti.testkit.TestDirs.create("jiti-stateful");
        return new LocalProvider(home, Duration.ofSeconds(60));
    }

    @AfterAll
    void stopAgent() {
        AgentFixture.stopAndRemove(home);
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                new Sample("secret", "token", "{length: 24}", null, "{length: 40}"),
                new Sample("postgres", "db", "{}", "{databases: [db, reports]}", null),
                new Sample("bucket", "uploads", "{}", "{versioning: true, encryption: false}", null),
                new Sample("queue", "jobs", "{}", "{visibilityTimeout: 5}", "{fifo: true}"),
                new Sample("table", "events", "{partitionKey: {name: id}}",
                        "{partitionKey: {name: id}, indexes: [{name: byKind, partitionKey: {name: kind}}]}",
                        "{partitionKey: {name: id, type: number}}"));
    }
}

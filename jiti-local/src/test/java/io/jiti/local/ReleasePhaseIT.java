package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.engine.ApplyReport;
import io.jiti.load.StackLoader;
import io.jiti.spi.LogSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The release phase: run once per release with the runtime environment, before any instance of it starts;
 * not again for a change that reuses the release; a failing one keeps the release from rolling out while
 * the running instances serve on. A first start runs one instance alone until it is ready.
 */
class ReleasePhaseIT {

    private static Path app(Path ledger, String release) throws Exception {
        Path app = io.jiti.testkit.TestDirs.create("jiti-release-app");
        Files.writeString(app.resolve("mvnw"), "#!/bin/sh\necho built\n");
        Files.writeString(app.resolve("Procfile"), "web: java Hello.java\nrelease: " + release + "\n");
        Files.copy(AgentFixture.HELLO.resolve("Hello.java"), app.resolve("Hello.java"));
        return app;
    }

    private static io.jiti.api.Stack stack(Path app, Path ledger, String version) {
        return StackLoader.builtIn().parse("""
                stack: release-it
                particles:
                  - name: web
                    type: service
                    spec:
                      build: .
                      instances: 2
                      env:
                        LEDGER: %s
                        VERSION: "%s"
                """.formatted(ledger, version), "jiti.yaml", app);
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void theReleasePhaseRunsOncePerReleaseBeforeItsInstances() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            Path ledger = io.jiti.testkit.TestDirs.create("jiti-release-ledger").resolve("ledger.txt");
            Path app = app(ledger, "sh -c 'echo \"migrated $VERSION\" >> \"$LEDGER\"'");
            f.track("release-it");
            ApplyReport up = f.reconciler().apply(stack(app, ledger, "1"));
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            String url = (String) up.output("web", "url");
            assertThat(lines(ledger)).containsExactly("migrated 1");

            // one instance started alone, the second once the first was ready
            List<String> logs = new ArrayList<>();
            ((LogSource) f.provider.types().get("service")).logs("release-it", "web", false, LogSource.Lines.CURRENT, logs::add);
            List<Instant> listening = logs.stream().filter(l -> l.contains("listening on"))
                    .map(l -> Instant.parse(l.split(" ")[1])).sorted().toList();
            assertThat(listening).hasSize(2);
            List<Instant> started = f.reconciler().observe("release-it").get("web").instances().stream()
                    .map(i -> ProcessHandle.of(i.pid()).orElseThrow().info().startInstant().orElseThrow()).sorted().toList();
            // (a java Hello.java instance needs well over 300 ms to be ready; started together, they would be
            // a few milliseconds apart)
            assertThat(java.time.Duration.between(started.get(0), started.get(1)).toMillis())
                    .as("the second instance started once the first was ready").isGreaterThan(300);
            List<String> events = f.reconciler().observe("release-it").get("web").events();
            assertThat(String.join("\n", events)).containsSubsequence("release phase of", "done", "in rotation");

            // the same release (only env changed): no release phase
            assertThat(f.reconciler().apply(stack(app, ledger, "2")).ok()).isTrue();
            assertThat(lines(ledger)).containsExactly("migrated 1");

            // a new release whose release phase fails: not rolled out; the running instances serve on
            Files.writeString(app.resolve("Procfile"), "web: java Hello.java\nrelease: sh -c 'exit 3'\n");
            ApplyReport failed = f.reconciler().apply(stack(app, ledger, "2"));
            assertThat(failed.ok()).isFalse();
            assertThat(failed.problems().get(0).toString()).contains("the release phase (sh -c 'exit 3') failed with exit code 3");
            assertThat(f.get(url)).isEqualTo(200);

            // fixed: a new release, its release phase runs once more (going back to the first Procfile would be
            // the first release again, released already)
            Files.writeString(app.resolve("Procfile"), "web: java Hello.java\nrelease: sh -c 'echo \"migrated $VERSION\" >> \"$LEDGER\"; true'\n");
            ApplyReport fixed = f.reconciler().apply(stack(app, ledger, "3"));
            assertThat(fixed.ok()).as("%s", fixed.problems()).isTrue();
            assertThat(lines(ledger)).containsExactly("migrated 1", "migrated 3");
            assertThat(f.get(url)).isEqualTo(200);
        }
    }
}

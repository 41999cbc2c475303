package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A build has a time limit of its own: a build longer than the operation timeout does not fail {@code up}
 * (the service is {@code preparing} meanwhile, its last output line shown as progress), and a build longer
 * than {@code buildTimeout} is stopped and fails the service with that reason.
 */
class BuildTimeIT {
    /** A "Maven wrapper" that takes {@code seconds}, saying what it does, and an app started by the Procfile. */
    private static Path app(int seconds) throws Exception {
        Path app = io.jiti.testkit.TestDirs.create("jiti-slow-build");
        StringBuilder mvnw = new StringBuilder("#!/bin/sh\n");
        for (int i = 1; i <= seconds; i++) {
            mvnw.append("echo \"compiling step ").append(i).append(" of ").append(seconds).append("\"; sleep 1\n");
        }
        Files.writeString(app.resolve("mvnw"), mvnw + "echo done\n");
        Files.writeString(app.resolve("Procfile"), "web: java Hello.java\n");
        Files.copy(AgentFixture.HELLO.resolve("Hello.java"), app.resolve("Hello.java"));
        return app;
    }

    private static io.jiti.api.Stack stack(Path app, String name, String extra) {
        return StackLoader.builtIn().parse("stack: " + name + "\nparticles:\n  - name: web\n    type: service\n"
                + "    spec:\n      build: .\n" + extra, "jiti.yaml", app);
    }

    @Test
    void aBuildLongerThanTheOperationTimeoutDoesNotFailUpAndShowsItsProgress() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            Path app = app(8);
            LocalProvider shortTimeout = new LocalProvider(f.home, Duration.ofSeconds(5));
            List<String> progress = new CopyOnWriteArrayList<>();
            ApplyListener listener = new ApplyListener() {
                @Override
                public void progress(String particle, String message) {
                    progress.add(message);
                }
            };
            f.track("slow-build");
            ApplyReport up = new Reconciler(shortTimeout, listener, ApplyOptions.defaults()).apply(stack(app, "slow-build", ""));
            assertThat(up.ok()).as("%s / %s", up.problems(), progress).isTrue();
            assertThat(progress).anyMatch(m -> m.matches("building: compiling step \\d of 8"));
            assertThat(f.get((String) up.output("web", "url"))).isEqualTo(200);
        }
    }

    @Test
    void aBuildLongerThanBuildTimeoutIsStoppedAndSaysSo() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            Path app = app(30);
            f.track("stuck-build");
            long start = System.nanoTime();
            ApplyReport up = f.reconciler().apply(stack(app, "stuck-build", "      buildTimeout: 3\n"));
            assertThat(up.ok()).isFalse();
            assertThat(up.problems().get(0).toString()).contains("the build took longer than 3s (buildTimeout)");
            assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(20);
            List<String> build = new java.util.ArrayList<>();
            ((io.jiti.spi.LogSource) f.provider.types().get("service")).logs("stuck-build", "web", false,
                    io.jiti.spi.LogSource.Lines.BUILD, build::add);
            assertThat(build).isNotEmpty().allMatch(l -> l.startsWith("[build] ")).anyMatch(l -> l.contains("compiling step 1"));
        }
    }
}

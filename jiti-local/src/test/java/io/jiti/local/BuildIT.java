package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.ParticleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A service built from its pom.xml with its own Maven wrapper, and started from the built jar. */
class BuildIT {
    private static final Path APP = Path.of("../examples/maven-app").toAbsolutePath().normalize();

    private static Path copy() throws IOException {
        Path to = Files.createTempDirectory("jiti-build");
        try (Stream<Path> files = Files.walk(APP)) {
            for (Path p : files.filter(p -> !p.toString().contains("/target")).toList()) {
                Path dest = to.resolve(APP.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return to;
    }

    private static Stack stack(Path dir) {
        return Stack.named("build-it").baseDir(dir)
                .particle(Particle.of("web", "service").spec("build", ".").spec("health", "/health")).build();
    }

    @Test
    void buildsStartsAndReportsABrokenBuild() throws Exception {
        Path dir = copy();
        try (AgentFixture f = new AgentFixture()) {
            f.hello("build-it", 1);
            ApplyReport up = f.reconciler().apply(stack(dir));
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            assertThat(f.get((String) up.output("web", "url"))).isEqualTo(200);
            assertThat(f.reconciler().observe("build-it").get("web").events())
                    .anyMatch(e -> e.contains("starting with: java -jar target/maven-app.jar"));

            Files.writeString(dir.resolve("src/main/java/io/jiti/examples/app/App.java"), "this does not compile");
            Stack broken = Stack.named("build-it").baseDir(dir)
                    .particle(Particle.of("web", "service").spec("build", ".").spec("health", "/health")
                            .spec("env", java.util.Map.of("VERSION", "2"))).build();
            ApplyReport bad = f.reconciler().apply(broken);
            assertThat(bad.ok()).isFalse();
            assertThat(bad.problems()).singleElement().satisfies(r -> assertThat(((ParticleResult.Failed) r).message())
                    .contains("build failed with exit code"));
            // the instance of the last good build keeps serving
            assertThat(f.get((String) up.output("web", "url"))).isEqualTo(200);
        }
    }
}

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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Services built without a Dockerfile: from a pom.xml with its own Maven wrapper (started from the built
 * jar), and, where the tools are installed, from a package.json with npm ({@code npm start}) and from a
 * requirements.txt with pip into a virtual environment (started from its Procfile).
 */
class BuildIT {
    private static final Path APP = Path.of("../examples/maven-app").toAbsolutePath().normalize();

    private static Path copy() throws IOException {
        return AgentFixture.copyApp(APP);
    }

    private static Stack stack(Path dir) {
        return Stack.named("build-it").baseDir(dir)
                .particle(Particle.of("web", "service").spec("build", ".").spec("health", "/health")).build();
    }

    @Test
    void buildsStartsAndReportsABrokenBuild() throws Exception {
        Path dir = copy();
        try (AgentFixture f = new AgentFixture()) {
            f.track("build-it");
            ApplyReport up = f.reconciler().apply(stack(dir));
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            assertThat(f.get((String) up.output("web", "url"))).isEqualTo(200);
            assertThat(f.reconciler().observe("build-it").get("web").events())
                    .anyMatch(e -> e.contains("starting with: java -Dserver.port=$PORT $JAVA_OPTS -jar target/maven-app.jar"));

            // instances run from a release: a copy of the build, never written again
            Path releases = f.home.resolve("stacks/build-it/releases/web");
            Path first = cwd(f.reconciler().observe("build-it").get("web").instances().get(0).pid());
            assertThat(first.getParent()).isEqualTo(releases.toRealPath());
            String jar = io.jiti.local.Hashes.sha256(first.resolve("target/maven-app.jar"));

            Stack again = Stack.named("build-it").baseDir(dir)
                    .particle(Particle.of("web", "service").spec("build", ".").spec("health", "/health")
                            .spec("env", java.util.Map.of("VERSION", "1b"))).build();
            long builds = builds(f);
            ApplyReport reused = f.reconciler().apply(again); // only env changed: the same release, no build
            assertThat(reused.ok()).as("%s", reused.problems()).isTrue();
            assertThat(builds(f)).isEqualTo(builds);
            assertThat(cwd(f.reconciler().observe("build-it").get("web").instances().get(0).pid())).isEqualTo(first);

            Path app = dir.resolve("src/main/java/io/jiti/examples/app/App.java");
            Files.writeString(app, Files.readString(app) + "\n// a change of the source\n");
            assertThat(f.reconciler().plan(again).changes()).filteredOn(c -> c.particle().equals("web"))
                    .singleElement().satisfies(c -> assertThat(c.diff()).anyMatch(d -> d.path().equals("spec.source")));
            ApplyReport rebuilt = f.reconciler().apply(again); // builds again in dir, rolls out from a new release
            assertThat(rebuilt.ok()).as("%s", rebuilt.problems()).isTrue();
            assertThat(builds(f)).isEqualTo(builds + 1);
            Path second = cwd(f.reconciler().observe("build-it").get("web").instances().get(0).pid());
            assertThat(second).isNotEqualTo(first);
            assertThat(second.getParent()).isEqualTo(releases.toRealPath());
            assertThat(io.jiti.local.Hashes.sha256(first.resolve("target/maven-app.jar"))).as("the old release is untouched")
                    .isEqualTo(jar);

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

    /** How many releases the service has (one per build; none is removed below three). */
    private static long builds(AgentFixture f) throws java.io.IOException {
        try (Stream<Path> s = Files.list(f.home.resolve("stacks/build-it/releases/web"))) {
            return s.count();
        }
    }

    private static Path cwd(long pid) throws java.io.IOException {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static Path fixture(String name) throws Exception {
        return AgentFixture.copyApp(Path.of(BuildIT.class.getResource("/apps/" + name + "/").toURI()));
    }

    private static void servesAfterBuilding(Path dir, String buildTool, String start, String greeting)
            throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            f.track("build-it");
            ApplyReport up = f.reconciler().apply(stack(dir));
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            String url = (String) up.output("web", "url");
            assertThat(f.get(url)).isEqualTo(200);
            assertThat(f.body(url)).isEqualTo(greeting);
            assertThat(f.reconciler().observe("build-it").get("web").events())
                    .anyMatch(e -> e.contains("building ") && e.contains(buildTool))
                    .anyMatch(e -> e.contains("starting with: " + start));
        }
    }

    @Test
    void buildsANodeAppWithNpmAndStartsItWithNpmStart() throws Exception {
        Assumptions.assumeTrue(onPath("npm") && onPath("node"), "npm is not installed");
        servesAfterBuilding(fixture("node-app"), "npm install", "npm start", "hello from node\n");
    }

    @Test
    void buildsAPythonAppIntoAVirtualEnvironmentAndStartsItFromItsProcfile() throws Exception {
        Assumptions.assumeTrue(onPath("python3"), "python3 is not installed");
        servesAfterBuilding(fixture("python-app"), "pip install", ".venv/bin/python app.py", "hello from python\n");
    }
}

package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import io.jiti.spi.Observed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Secrets on a real agent: generated, sealed at rest, revealed only to processes, kept by {@code down}. */
class SecretIT {

    private static Stack stack(Path out) {
        String yaml = """
                stack: secret-it
                particles:
                  - name: pw
                    type: secret
                    spec: {length: 24}
                  - name: path
                    type: secret
                    spec: {fromEnv: PATH}
                  - name: show
                    type: job
                    spec:
                      command: printf '%%s' "$PW" > %1$s/pw && printf '%%s' "$P" > %1$s/path
                      env:
                        PW: ${pw.value}
                        P: ${path.value}
                """.formatted(out);
        return StackLoader.builtIn().parse(yaml, "jiti.yaml", out);
    }

    @Test
    void aSecretReachesItsProcessAndNothingElse() throws Exception {
        Path out = io.jiti.testkit.TestDirs.create("jiti-secret-out");
        try (AgentFixture f = new AgentFixture()) {
            f.track("secret-it");
            Stack stack = stack(out);
            assertThat(stack.particle("pw").orElseThrow().protect()).as("stateful types are protected by default").isTrue();
            ApplyReport up = f.reconciler().apply(stack);
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out.resolve("path")));
            String value = Files.readString(out.resolve("pw"), StandardCharsets.UTF_8);
            assertThat(value).hasSize(24).matches("[A-Za-z0-9]+");
            assertThat(Files.readString(out.resolve("path"))).isEqualTo(System.getenv("PATH"));
            assertThat(up.output("pw", "value")).isEqualTo("jiti-secret:secret-it/pw/value");

            // nowhere in the agent's files but the sealed store; not in status or plan
            assertThat(filesContaining(f.home, value)).isEmpty();
            Map<String, Observed> live = f.reconciler().observe("secret-it");
            assertThat(live.toString()).doesNotContain(value);
            assertThat(f.reconciler().plan(stack).toString()).doesNotContain(value);
            Path key = f.home.resolve("agent/secrets.keyset.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

            // down keeps the protected secrets (and their values); up again sees the same value
            ApplyReport down = f.reconciler().destroy("secret-it");
            assertThat(down.ok()).as("%s", down.problems()).isTrue();
            assertThat(f.reconciler().observe("secret-it").keySet()).containsExactlyInAnyOrder("pw", "path");
            Files.delete(out.resolve("pw"));
            assertThat(f.reconciler().apply(stack).ok()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out.resolve("pw")));
            assertThat(Files.readString(out.resolve("pw"))).isEqualTo(value);

            // down --force removes them and their sealed values
            Reconciler force = new Reconciler(f.provider, ApplyListener.none(), ApplyOptions.defaults().withForce(true));
            assertThat(force.destroy("secret-it").ok()).isTrue();
            assertThat(f.reconciler().observe("secret-it")).isEmpty();
            assertThat(f.home.resolve("stacks/secret-it/secrets/pw")).doesNotExist();
        }
    }

    private static List<Path> filesContaining(Path dir, String value) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(value);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}

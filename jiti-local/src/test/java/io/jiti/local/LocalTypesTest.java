package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.api.InvalidStackException;
import io.jiti.load.StackLoader;
import io.jiti.load.TypeCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the local provider adds to the portable types, as {@code jiti validate} sees it. */
class LocalTypesTest {

    private static void invalid(String particles, String message) {
        assertThatThrownBy(() -> StackLoader.builtIn().parse("stack: s\nparticles:\n" + particles, "jiti.yaml",
                Path.of(".")))
                .isInstanceOf(InvalidStackException.class).hasMessage(message);
    }

    @Test
    void aServiceRunsACommandOrABuildAndListsTheLocalFields() {
        invalid("  - {name: a, type: service, spec: {instances: 2}}\n",
                "jiti.yaml:3:36: missing required field: one of 'command', 'build'");
        invalid("  - {name: a, type: service, spec: {command: x, instanses: 2}}\n",
                "jiti.yaml:3:49: unknown field 'instanses' (allowed: image, command, instances, env, connect, autoscale, "
                        + "readyTimeout, health, build, workdir, tls, release, parallelStart, buildTimeout)");
        invalid("  - {name: a, type: job}\n", "jiti.yaml:3:5: missing required field 'command' in spec (the particle has no spec)");
    }

    @Test
    void theLocalTypesKeepEveryPortableOutputAndAddTheirOwn() {
        TypeCatalog local = TypeCatalog.forProvider("local");
        for (var portable : TypeCatalog.portable().all()) {
            assertThat(local.type(portable.id()).orElseThrow().outputs()).containsKeys(
                    portable.outputs().keySet().toArray(String[]::new));
        }
        assertThat(local.type("postgres").orElseThrow().outputs()).containsEntry("host", "127.0.0.1")
                .containsKeys("sslmode", "sslrootcert", "ssl");
        assertThat(local.connectable()).containsExactly("bucket", "postgres", "queue", "table");
        assertThat(local.type("queue").orElseThrow().connect().defaults())
                .containsEntry("AWS_ACCESS_KEY_ID", "jitilocal");
    }

    @Test
    void theTypeTableTheProviderAndTheSchemasAgree() {
        TypeCatalog local = TypeCatalog.forProvider("local");
        assertThat(io.jiti.local.agent.LocalTypes.TABLE).extracting(io.jiti.local.agent.LocalTypes.Row::id)
                .containsExactlyInAnyOrderElementsOf(local.ids());
        try (LocalProvider p = new LocalProvider(Path.of("target", "unused-home"), java.time.Duration.ofSeconds(1))) {
            assertThat(p.types().keySet()).containsExactlyInAnyOrderElementsOf(local.ids());
        }
        for (var row : io.jiti.local.agent.LocalTypes.TABLE) {
            var fields = local.type(row.id()).orElseThrow().schema().path("properties");
            assertThat(row.replaceOn()).as(row.id()).allMatch(fields::has);
        }
    }
}

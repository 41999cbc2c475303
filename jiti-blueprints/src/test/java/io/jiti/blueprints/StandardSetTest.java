package io.jiti.blueprints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The blueprints jiti ships: every sample renders into a valid stack, and their published reference is current. */
class StandardSetTest {
    private static final Path DOCS = Path.of("../docs/standard-blueprints.md");
    private final Registry registry = new Registry(List.of(), StandardSetTest.class.getClassLoader());

    private List<Blueprint> standard() {
        return registry.all().stream().filter(b -> b.file().contains("jiti-blueprints"))
                .sorted(Comparator.comparing(Blueprint::name)).toList();
    }

    @Test
    void theStandardSetIsShipped() {
        assertThat(standard()).extracting(Blueprint::id).containsExactly("object-store@1.0", "postgres-database@1.0",
                "queue@1.0", "web-service@1.0", "worker@1.0");
    }

    @Test
    void everySampleRendersIntoAValidStack() {
        for (Blueprint b : standard()) {
            for (JsonNode sample : Samples.of(b)) {
                Stack s = Samples.render(b, sample, "x", registry, Path.of("."));
                assertThat(s.particles()).as(b.id() + " " + sample).isNotEmpty()
                        .allSatisfy(p -> assertThat(p.name()).startsWith("x."));
            }
        }
    }

    @Test
    void theWorkerMayReceiveFromItsOwnQueueWhichHasADeadLetterQueue() {
        Blueprint worker = registry.find("worker", "1").orElseThrow();
        Stack s = Samples.render(worker, Samples.of(worker).get(0), "mail", registry, Path.of("."));
        assertThat(s.particle("mail.jobs.queue").orElseThrow().spec()).containsKey("deadLetter");
        assertThat(s.permissions()).extracting(g -> g.principal() + " " + g.action() + " " + g.resource())
                .containsExactly("mail.worker queue:receive mail.jobs.queue");
        assertThat(s.particle("mail.worker").orElseThrow().spec().get("connect")).isEqualTo(List.of("mail.jobs.queue"));
    }

    @Test
    void thePublishedReferenceIsGeneratedFromTheBundles() throws IOException {
        String generated = "# Standard blueprints\n\nThe blueprints shipped with jiti (`META-INF/jiti/blueprints/` of "
                + "jiti-blueprints). Generated from their bundles by `StandardSetTest`; `jiti blueprint show NAME` prints "
                + "the same.\n\n" + standard().stream().map(ParameterTable::markdown).collect(Collectors.joining("\n"));
        if (Boolean.getBoolean("jiti.docs.write")) {
            Files.writeString(DOCS, generated);
        }
        assertThat(Files.readString(DOCS)).as("docs/standard-blueprints.md is stale: regenerate it with "
                + "./mvnw -pl jiti-blueprints test -Dtest=StandardSetTest -Djiti.docs.write=true").isEqualTo(generated);
    }
}

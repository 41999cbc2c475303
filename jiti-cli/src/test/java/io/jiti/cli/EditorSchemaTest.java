package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The published editor schema is what {@code jiti schema} prints. */
class EditorSchemaTest {
    @Test
    void publishedSchemaIsUpToDate() throws IOException {
        Path published = Path.of("../schema/jiti.schema.json");
        String printed = BadInputTest.run("schema").out();
        assertThat(Files.readString(published).strip())
                .as("schema/jiti.schema.json is stale: regenerate it with ./jiti schema > schema/jiti.schema.json")
                .isEqualTo(printed.strip());
    }
}

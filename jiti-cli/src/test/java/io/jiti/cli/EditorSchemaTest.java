package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The published editor schemas are what {@code jiti schema [--provider ID]} prints. */
class EditorSchemaTest {
    @ParameterizedTest
    @CsvSource({"jiti.schema.json, local", "kubernetes.schema.json, kubernetes"})
    void publishedSchemaIsUpToDate(String file, String provider) throws IOException {
        Path published = Path.of("../schema", file);
        String printed = BadInputTest.run("schema", "--provider", provider).out();
        assertThat(Files.readString(published).strip())
                .as("schema/%s is stale: regenerate it with ./jiti schema --provider %s > schema/%s", file, provider,
                        file)
                .isEqualTo(printed.strip());
        assertThat(printed).contains("\"$id\" : \"https://jiti.io/schema/" + file + "\"");
    }
}

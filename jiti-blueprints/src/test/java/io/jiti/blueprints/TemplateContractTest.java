package io.jiti.blueprints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jiti.api.InvalidStackException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateContractTest {
    private static final String SERVICE = """
            name: api
            version: "1.0"
            kind: service
            environments: [shared@1]
            requires:
              dbUrl: string
              port: {type: integer}
            components: [queue]
            members:
              app:
                type: service
                spec:
                  command: run
                  env: {DB: "${environment.dbUrl}", PORT: "${environment.port}"}
            """;

    @Test
    void aServiceTemplateSaysWhatItRequiresAndIsBoundToIt() {
        Blueprint b = BlueprintReader.read(SERVICE, "blueprint.yaml");
        assertThat(b.contract().kind()).contains("service");
        assertThat(b.contract().requires()).containsExactly(Map.entry("dbUrl", "string"), Map.entry("port", "integer"));
        assertThat(b.contract().environments()).containsExactly("shared@1");
        assertThat(b.contract().components()).containsExactly("queue");

        Blueprint bound = b.bound(Map.of("dbUrl", "jdbc:postgresql://h/db", "port", "5432"));
        assertThat(bound.members().at("/app/spec/env/DB").asText()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(bound.members().at("/app/spec/env/PORT").asText()).isEqualTo("5432");
        // rendered on its own (jiti blueprint test), the requirements are placeholders
        var stack = Samples.render(b, JsonNodeFactory.instance.objectNode(), "s", new Registry(List.of(),
                getClass().getClassLoader()), Path.of(""));
        assertThat(stack.particle("s.app").orElseThrow().spec().get("env").toString()).contains("<environment.dbUrl>");
    }

    @Test
    void contractMistakesAreLocated() {
        assertThatThrownBy(() -> BlueprintReader.read(SERVICE.replace("kind: service", "kind: environment"), "b.yaml"))
                .isInstanceOf(InvalidStackException.class)
                .hasMessageContaining("b.yaml:5:1: 'requires' belongs to a service template (kind: service)")
                .hasMessageContaining("'environments' belongs to a service template");
        assertThatThrownBy(() -> BlueprintReader.read(SERVICE.replace("  port: {type: integer}\n", ""), "b.yaml"))
                .hasMessageContaining("a member reads ${environment.port}, which 'requires' does not declare");
        assertThatThrownBy(() -> BlueprintReader.read("""
                name: shared
                version: "1.0"
                kind: environment
                provides: {dbUrl: string}
                outputs: {url: "${db.url}"}
                members: {db: {type: postgres}}
                """, "e.yaml"))
                .hasMessageContaining("e.yaml:4:12: provides 'dbUrl' but has no output of that name (outputs: url)");
        assertThatThrownBy(() -> BlueprintReader.read(SERVICE.replace("dbUrl: string", "dbUrl: text"), "b.yaml"))
                .hasMessageContaining("b.yaml:6:10: invalid value \"text\" (allowed: \"string\", \"number\"");
    }
}

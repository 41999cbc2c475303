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

    @Test
    void nestedRequirementsAreReadWithDots() {
        Blueprint b = BlueprintReader.read("""
                name: api
                version: "1.0"
                kind: service
                environments: [shared@1]
                requires:
                  db: {url: string, user: {type: string}}
                  queueUrl: string
                members:
                  app:
                    type: service
                    spec: {command: run, env: {DB: "${environment.db.url}", Q: "${environment.queueUrl}"}}
                """, "b.yaml");
        assertThat(b.contract().requires()).containsExactly(Map.entry("db.url", "string"), Map.entry("db.user", "string"),
                Map.entry("queueUrl", "string"));
        Blueprint bound = b.bound(Map.of("db.url", "jdbc:postgresql://h/db", "queueUrl", "http://q"));
        assertThat(bound.members().at("/app/spec/env/DB").asText()).isEqualTo("jdbc:postgresql://h/db");

        Blueprint env = BlueprintReader.read("""
                name: shared
                version: "1.0"
                kind: environment
                provides: {db: {url: string}}
                outputs: {db.url: "${db.url}"}
                members: {db: {type: postgres}}
                """, "e.yaml");
        assertThat(env.contract().provides()).containsExactly(Map.entry("db.url", "string"));
        assertThatThrownBy(() -> BlueprintReader.read("""
                name: shared
                version: "1.0"
                kind: environment
                provides: {db: {url: string, port: integer}}
                outputs: {db.url: "${db.url}"}
                members: {db: {type: postgres}}
                """, "e.yaml")).hasMessageContaining("provides 'db.port' but has no output of that name");
        assertThatThrownBy(() -> BlueprintReader.read("""
                name: api
                version: "1.0"
                kind: service
                requires: {db: {url: string}}
                members: {app: {type: service, spec: {command: run, env: {P: "${environment.db.password}"}}}}
                """, "b.yaml")).hasMessageContaining("a member reads ${environment.db.password}, which 'requires' does not");
    }
}

package io.jiti.blueprints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.api.InvalidStackException;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.load.StackLoader;
import io.jiti.load.TypeCatalog;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlueprintExpanderTest {
    private static final String ORDERS = """
            name: orders-api
            version: "1.0"
            description: an HTTP API with its database
            parameters:
              type: object
              additionalProperties: false
              properties:
                instances: {type: integer, minimum: 1, default: 1}
                greeting: {type: string, default: hello}
            outputs:
              url: ${api.url}
            members:
              db:
                type: postgres
                spec: {databases: [orders]}
              api:
                type: service
                dependsOn: [db]
                spec:
                  command: "echo {{ greeting }} from {{ name }} in {{ stack }}"
                  instances: "{{ instances }}"
                  env:
                    DATABASE_URL: ${db.url}
            """;
    @TempDir
    Path dir;

    private Stack load(String yaml) {
        StackLoader loader = new StackLoader(TypeCatalog.forProvider("local"), List.of(new BlueprintExpander(
                source -> new Registry(List.of(dir.resolve("blueprints")), getClass().getClassLoader()))));
        return loader.parse(yaml, dir.resolve("jiti.yaml").toString(), dir);
    }

    private void blueprint(String name, String text) throws IOException {
        Path f = dir.resolve("blueprints").resolve(name).resolve("blueprint.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static Particle named(Stack s, String name) {
        return s.particles().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void membersAreNamedAfterTheParticleAndOutputsAndDependenciesPointAtThem() throws IOException {
        blueprint("orders-api", ORDERS);
        Stack s = load("""
                stack: shop
                particles:
                  - name: orders
                    type: blueprint:orders-api@1
                    spec:
                      instances: 2
                      overrides:
                        api: {env: {LOG_LEVEL: debug}}
                  - name: probe
                    type: job
                    dependsOn: [orders]
                    spec:
                      command: curl ${orders.url}
                """);
        assertThat(s.particles()).extracting(Particle::name).containsExactly("orders.db", "orders.api", "probe");
        Particle api = named(s, "orders.api");
        assertThat(api.spec()).containsEntry("instances", 2).containsEntry("command", "echo hello from orders in shop");
        assertThat((Map<String, Object>) api.spec().get("env"))
                .containsEntry("DATABASE_URL", "${orders.db.url}").containsEntry("LOG_LEVEL", "debug");
        assertThat(api.dependsOn()).containsExactly("orders.db");
        assertThat(named(s, "orders.db").protect()).isTrue(); // a postgres member is stateful, as any
        Particle probe = named(s, "probe");
        assertThat(probe.spec()).containsEntry("command", "curl ${orders.api.url}");
        assertThat(probe.dependsOn()).containsExactly("orders.db", "orders.api");
    }

    @Test
    void aParameterThatFailsTheSchemaIsReportedInTheUsersFile() throws IOException {
        blueprint("orders-api", ORDERS);
        assertThatThrownBy(() -> load("""
                stack: shop
                particles:
                  - name: orders
                    type: blueprint:orders-api@1
                    spec:
                      instances: many
                      overrides: {web: {}}
                """)).isInstanceOf(InvalidStackException.class)
                .hasMessageContaining("jiti.yaml:6:18")
                .hasMessageContaining("has no member 'web' (members: db, api)");
    }

    @Test
    void aTemplateErrorIsReportedAtTheBlueprintsLine() throws IOException {
        blueprint("orders-api", ORDERS.replace("{{ greeting }}", "{{ greting }}"));
        assertThatThrownBy(() -> load("""
                stack: shop
                particles:
                  - {name: orders, type: "blueprint:orders-api@1"}
                """)).isInstanceOf(InvalidStackException.class)
                .hasMessageContaining(Path.of("orders-api", "blueprint.yaml") + ":20:16: template error in blueprint orders-api@1.0")
                .hasMessageContaining("greting");
    }

    @Test
    void unknownBlueprintsVersionsAndCyclesAreReported() throws IOException {
        blueprint("orders-api", ORDERS);
        blueprint("a", "name: a\nversion: \"1.0\"\nmembers:\n  inner: {type: \"blueprint:b@1\"}\n");
        blueprint("b", "name: b\nversion: \"1.2\"\nmembers:\n  inner: {type: \"blueprint:a@1\"}\n");
        assertThatThrownBy(() -> load("""
                stack: shop
                particles:
                  - {name: x, type: "blueprint:orders-api@2"}
                  - {name: y, type: "blueprint:a@1"}
                  - {name: z.w, type: file, spec: {content: hi}}
                """)).isInstanceOf(InvalidStackException.class)
                .hasMessageContaining("unknown blueprint orders-api@2 (known: a@1.0, b@1.2, orders-api@1.0, ")
                .hasMessageContaining("blueprint cycle: a -> b -> a")
                .hasMessageContaining("may not contain '.'");
    }

    @Test
    void aBlueprintInAJarOnTheClassPathIsFoundAndUsed() throws IOException {
        Path jar = dir.resolve("company-blueprints.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String d : List.of("META-INF/", "META-INF/jiti/", Registry.RESOURCE_DIR + "/")) {
                out.putNextEntry(new JarEntry(d)); // as Maven's jar plugin writes them
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(Registry.RESOURCE_DIR + "/notes/1.3/blueprint.yaml"));
            out.write("""
                    name: notes
                    version: "1.3"
                    parameters: {type: object, properties: {text: {type: string}}, required: [text]}
                    outputs: {path: "${file.path}"}
                    members:
                      file: {type: file, spec: {content: "{{ text }}"}}
                    """.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Registry registry = new Registry(List.of(), loader);
            assertThat(registry.known()).containsExactly("notes@1.3");
            StackLoader stackLoader = new StackLoader(TypeCatalog.forProvider("local"), List.of(new BlueprintExpander(s -> registry)));
            Stack s = stackLoader.parse("""
                    stack: docs
                    particles:
                      - {name: readme, type: "blueprint:notes@1.3", spec: {text: read me}}
                    """, "jiti.yaml", dir);
            assertThat(named(s, "readme.file").spec()).containsEntry("content", "read me");
        }
    }

    private static final String STORE = """
            name: store
            version: "1.0"
            parameters:
              type: object
              additionalProperties: false
              properties:
                command: {type: string}
                env: {type: object, default: {}}
                connect: {type: array, default: []}
                port: {type: integer, default: 8080}
                versioning: {type: boolean, default: false}
                secret: {type: string, writeOnly: true, default: none}
            permissions:
              app:
                - actions: ["bucket:read"]
                  resources: [files]
              worker:
                - actions: ["bucket:write"]
                  resources: [files]
            members:
              files:
                type: bucket
                spec: {versioning: "{{ versioning }}"}
              app:
                type: service
                spec:
                  command: "{{ command }}"
                  build: "."
                  env:
                    PORT_TEXT: "{{ port | string }}"
                    FILES: ${files.name}
                    "<<": "{{ env }}"
                  connect: [files, "{{ connect }}"]
              worker:
                type: service
                when: "{{ versioning }}"
                spec: {command: run}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void templatesKeepValuesTypedDropUnsetParametersSpliceListsAndMergeMappings() throws IOException {
        blueprint("store", STORE);
        Stack s = load("""
                stack: shop
                particles:
                  - name: other
                    type: queue
                  - name: media
                    type: blueprint:store@1
                    spec: {env: {A: b}, connect: [other]}
                """);
        Particle app = named(s, "media.app");
        assertThat(app.spec()).doesNotContainKey("command"); // an unset parameter leaves the field out
        assertThat((Map<String, Object>) app.spec().get("env")).containsEntry("PORT_TEXT", "8080")
                .containsEntry("FILES", "${media.files.name}").containsEntry("A", "b");
        assertThat((List<String>) app.spec().get("connect")).containsExactly("media.files", "other");
        assertThat(s.particles()).extracting(Particle::name).doesNotContain("media.worker"); // when: false
    }

    @Test
    void permissionsAreTheDefaultsPlusExtrasWithResourcesRenamedAndOverridesAreListed() throws IOException {
        blueprint("store", STORE);
        blueprint("site", """
                name: site
                version: "1.0"
                permissions:
                  web:
                    - actions: ["bucket:list"]
                      resources: [content]
                members:
                  content:
                    type: blueprint:store@1
                    spec: {versioning: true}
                  web:
                    type: service
                    spec: {command: serve}
                """);
        Stack s = load("""
                stack: shop
                particles:
                  - name: audit
                    type: queue
                  - name: media
                    type: blueprint:store@1
                    spec:
                      versioning: true
                      port: 8080
                      secret: hunter2
                      overrides: {app: {env: {LOG: debug, API_TOKEN: s3cr3t}}}
                      permissions:
                        extra:
                          app: [{actions: ["queue:send"], resources: [audit], note: audit trail}]
                  - name: site
                    type: blueprint:site@1
                """);
        assertThat(s.permissions()).extracting(g -> g.principal() + " " + g.action() + " " + g.resource() + " ("
                + g.note() + ")").containsExactly(
                "media.app bucket:read media.files (default of store@1.0)",
                "media.app queue:send audit (extra: audit trail)",
                "media.worker bucket:write media.files (default of store@1.0)",
                "site.content.app bucket:read site.content.files (default of store@1.0)",
                "site.content.worker bucket:write site.content.files (default of store@1.0)",
                "site.web bucket:list site.content.files (default of site@1.0)");
        assertThat(s.expanded()).hasSize(2);
        assertThat(s.expanded().get(0).members()).containsExactly("media.files", "media.app", "media.worker");
        assertThat(s.expanded().get(0).overrides()).containsExactly(
                "parameter versioning = true (default false)",
                "parameter secret = (sensitive) (default (sensitive))",
                "member app: spec.env.LOG = \"debug\"",
                "member app: spec.env.API_TOKEN = (sensitive)",
                "member app: extra permission queue:send on audit");
        assertThat(s.expanded().get(1).overrides()).isEmpty();
    }

    @Test
    void reservedParameterNamesAndUnknownMembersInExtrasAreRefused() throws IOException {
        blueprint("store", STORE);
        blueprint("bad", "name: bad\nversion: \"1.0\"\nparameters:\n  type: object\n  properties:\n"
                + "    overrides: {type: string}\nmembers:\n  f: {type: file, spec: {content: x}}\n");
        assertThatThrownBy(() -> load("stack: s\nparticles:\n  - {name: x, type: \"blueprint:bad@1\"}\n"))
                .hasMessageContaining("blueprint.yaml:6:5: 'overrides' is reserved");
        Files.delete(dir.resolve("blueprints/bad/blueprint.yaml"));
        assertThatThrownBy(() -> load("""
                stack: s
                particles:
                  - name: m
                    type: blueprint:store@1
                    spec:
                      permissions: {extra: {nobody: [{actions: ["bucket:read"], resources: [files]}]}}
                """)).hasMessageContaining("jiti.yaml:6:37: blueprint store@1.0 has no member 'nobody'");
    }

    @Test
    void aBlueprintWithAnAliasCycleOrBombIsRefusedAtItsLine() throws IOException {
        blueprint("loop", "name: loop\nversion: \"1.0\"\nmembers:\n  f: {type: file, spec: {content: x}}\n"
                + "samples: &s [*s]\n");
        assertThatThrownBy(() -> load("stack: s\nparticles:\n  - {name: x, type: \"blueprint:loop@1\"}\n"))
                .hasMessageContaining(Path.of("loop", "blueprint.yaml") + ":5:10: invalid YAML: an alias refers to a node"
                        + " that contains it");
        StringBuilder bomb = new StringBuilder("name: bomb\nversion: \"1.0\"\nmembers:\n  f: {type: file, spec: {content: x}}\n"
                + "x0: &x0 [a, b, c]\n");
        for (int i = 1; i <= 16; i++) {
            bomb.append("x").append(i).append(": &x").append(i).append(" [*x").append(i - 1).append(", *x")
                    .append(i - 1).append(", *x").append(i - 1).append("]\n");
        }
        blueprint("bomb", bomb.toString());
        long start = System.nanoTime();
        assertThatThrownBy(() -> load("stack: s\nparticles:\n  - {name: x, type: \"blueprint:bomb@1\"}\n"))
                .hasMessageContaining("blueprint.yaml:").hasMessageContaining("expands to more than 200000 nodes");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    private static String oneFile(String name, String content) {
        return "name: " + name + "\nversion: \"1.0\"\nmembers:\n  f:\n    type: file\n    spec:\n      content: \""
                + content + "\"\n";
    }

    @Test
    void templatesIncludeOnlyFilesOfTheirOwnBundle() throws IOException {
        blueprint("inc", oneFile("inc", "{% include 'part.txt' %}"));
        Files.writeString(dir.resolve("blueprints/inc/part.txt"), "from the bundle");
        Stack s = load("stack: s\nparticles:\n  - {name: x, type: \"blueprint:inc@1\"}\n");
        assertThat(named(s, "x.f").spec()).containsEntry("content", "from the bundle");
        Files.writeString(dir.resolve("secret.txt"), "not yours");
        for (String escape : List.of("../../secret.txt", "/etc/passwd", "META-INF/MANIFEST.MF", "file:/etc/passwd")) {
            blueprint("inc", oneFile("inc", "{% include '" + escape + "' %}"));
            assertThatThrownBy(() -> load("stack: s\nparticles:\n  - {name: x, type: \"blueprint:inc@1\"}\n"))
                    .as(escape).isInstanceOf(InvalidStackException.class)
                    .hasMessageContaining(Path.of("inc", "blueprint.yaml") + ":7:16: template error in blueprint inc@1.0")
                    .hasMessageNotContaining("not yours").hasMessageNotContaining("root:")
                    .hasMessageNotContaining("Manifest-Version");
        }
    }

    @Test
    void templatesHaveLimitsOnWorkAndOutput() throws IOException {
        blueprint("slow", oneFile("slow", "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
                + "x{% endfor %}{% endfor %}{% endfor %}"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> load("stack: s\nparticles:\n  - {name: x, type: \"blueprint:slow@1\"}\n"))
                .isInstanceOf(InvalidStackException.class)
                .hasMessageContaining(Path.of("slow", "blueprint.yaml") + ":7:16: template error in blueprint slow@1.0:"
                        + " the templates render more than 100000 nodes");
        assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
        blueprint("big", oneFile("big", "{% for i in range(1000) %}{{ range(1000)|join('abcdef') }}{% endfor %}"));
        assertThatThrownBy(() -> load("stack: s\nparticles:\n  - {name: x, type: \"blueprint:big@1\"}\n"))
                .isInstanceOf(InvalidStackException.class)
                .hasMessageContaining(Path.of("big", "blueprint.yaml") + ":7:16: template error in blueprint big@1.0:"
                        + " the string renders to more than 1048576 characters");
    }
}

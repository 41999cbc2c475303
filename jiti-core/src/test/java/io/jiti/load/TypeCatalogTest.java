package io.jiti.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.api.InvalidStackException;
import io.jiti.api.JitiException;
import io.jiti.spi.UnknownProviderException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider's additions to the portable types: fields, outputs, connections, unsupported types. */
class TypeCatalogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final TypeCatalog CLUSTER = TypeCatalog.portable().extendedBy("cluster", Map.of(
            "service", json("""
                    {"properties": {"nodeSelector": {"type": "object", "description": "Where pods go."}},
                     "required": ["image"],
                     "x-jiti-outputs": {"url": "http://NAME.NAMESPACE.svc", "hostname": "The in-cluster name."}}"""),
            "postgres", json("""
                    {"x-jiti-connect": {"env": {"DATABASE_URL": "postgres://${username}:${password}@${host}:${port}/${database}"}}}"""),
            "bucket", json("""
                    {"x-jiti-unsupported": "no S3 server in a cluster"}""")));

    private static TypeCatalog portable() {
        return TypeCatalog.portable();
    }

    @Test
    void theProviderAddsFieldsRequirementsAndOutputsButKeepsThePortableOnes() {
        TypeInfo service = CLUSTER.type("service").orElseThrow();
        assertThat(service.schema().path("properties").has("nodeSelector")).isTrue();
        assertThat(service.schema().path("properties").has("instances")).isTrue();
        assertThat(service.outputs()).containsKeys("url", "port", "hostname")
                .containsEntry("url", "http://NAME.NAMESPACE.svc");
        assertThat(portable().type("service").orElseThrow().schema().path("properties").has("nodeSelector"))
                .as("the portable catalog is not changed").isFalse();
    }

    @Test
    void aStackIsCheckedAgainstItsProvidersTypes() {
        StackLoader loader = new StackLoader(id -> id.equals("cluster") ? CLUSTER : portable(), java.util.List.of());
        String stack = """
                stack: s
                provider: cluster
                particles:
                  - {name: web, type: service, spec: {command: x, connect: [db]}}
                  - {name: db, type: postgres}
                  - {name: files, type: bucket}
                """;
        assertThatThrownBy(() -> loader.parse(stack, "jiti.yaml", Path.of(".")))
                .isInstanceOf(InvalidStackException.class)
                .hasMessageContaining("jiti.yaml:4:38: missing required field 'image'")
                .hasMessageContaining("jiti.yaml:6:25: type 'bucket' is not supported on provider 'cluster': "
                        + "no S3 server in a cluster (types there: file, job, postgres, queue, secret, service, table)");
        var ok = loader.parse(stack.replace("command: x", "image: app:1").replace("  - {name: files, type: bucket}\n", ""),
                "jiti.yaml", Path.of("."));
        assertThat(ok.provider()).isEqualTo("cluster");
        assertThat(ok.particles().get(0).spec().get("env")).isEqualTo(Map.of("DATABASE_URL",
                "postgres://${db.username}:${db.password}@${db.host}:${db.port}/${db.database}"));
        // the same stack on the portable types alone: no connection variables (the provider gives them)
        var bare = new StackLoader(portable()).parse(stack.replace("  - {name: files, type: bucket}\n", "")
                .replace("connect: [db]", "instances: 1"), "jiti.yaml", Path.of("."));
        assertThat(bare.particles().get(0).spec()).doesNotContainKey("env");
    }

    @Test
    void anOverrideNamesTheProviderAndAnUnknownOneIsBadInput() {
        StackLoader loader = new StackLoader(id -> {
            if (!id.equals("cluster")) {
                throw new UnknownProviderException("unknown provider '" + id + "' (available: cluster)");
            }
            return CLUSTER;
        }, java.util.List.of());
        String stack = "stack: s\nprovider: nowhere\nparticles: []\n";
        assertThatThrownBy(() -> loader.parse(stack, "jiti.yaml", Path.of(".")))
                .hasMessageContaining("jiti.yaml:2:11: unknown provider 'nowhere' (available: cluster)");
        assertThat(loader.onProvider("cluster").parse(stack, "jiti.yaml", Path.of(".")).provider()).isEqualTo("cluster");
        assertThatThrownBy(() -> loader.onProvider("moon").parse(stack, "jiti.yaml", Path.of(".")))
                .hasMessageContaining("--provider: unknown provider 'moon'");
    }

    @Test
    void aProviderCannotExtendATypeThatIsNotPortableNorWithUnknownKeys() {
        assertThatThrownBy(() -> portable().extendedBy("p", Map.of("local.process", json("{}"))))
                .isInstanceOf(JitiException.class).hasMessageContaining("not a portable type");
        assertThatThrownBy(() -> portable().extendedBy("p", Map.of("service", json("{\"type\": \"array\"}"))))
                .isInstanceOf(JitiException.class).hasMessageContaining("'type' (allowed: ");
    }

    @Test
    void thePortableTypesNameNoMachine() {
        String all = portable().all().stream().map(t -> t.schema().toString()).reduce("", String::concat);
        assertThat(all).doesNotContain("127.0.0.1", "localhost", "us-east-1", "000000000000", "jitilocal", "sh -c",
                "x-jiti-connect");
    }
}

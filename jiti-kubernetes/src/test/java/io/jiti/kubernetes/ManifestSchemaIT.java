package io.jiti.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Stack;
import io.jiti.engine.Export;
import io.jiti.load.StackLoader;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code jiti export --provider kubernetes} prints for the examples is valid Kubernetes: every object
 * passes the npm package {@code kubernetes-models} (its JSON Schemas of the Kubernetes API, run with node),
 * and deserialises into fabric8's typed model with no field that model does not know; so does the role
 * {@code rbac/jiti.yaml}.
 */
class ManifestSchemaIT {
    private static final Path NODE_DIR = Path.of("target", "kubernetes-models").toAbsolutePath();
    private static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void installChecker() throws Exception {
        boolean present = onPath("node") && onPath("npm");
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI needs node and npm (.ci/run installs nodejs and npm)");
        }
        Assumptions.assumeTrue(present, "node or npm missing here: apt-get install nodejs npm");
        Files.createDirectories(NODE_DIR);
        for (String f : List.of("package.json", "validate.mjs")) {
            try (var in = ManifestSchemaIT.class.getResourceAsStream("/kubernetes-models/" + f)) {
                Files.write(NODE_DIR.resolve(f), in.readAllBytes());
            }
        }
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/kubernetes-models"))) {
            run("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", NODE_DIR.toString());
        }
    }

    private static String export(String example) {
        Stack stack = StackLoader.builtIn().onProvider("kubernetes").load(EXAMPLES.resolve(example));
        try (KubernetesProvider provider = new KubernetesProvider(() -> {
            throw new AssertionError("an export must not connect to a cluster");
        }, null, java.time.Duration.ofSeconds(5), Map.of())) {
            return Export.of(stack, provider);
        }
    }

    /** The documents of a multi-document YAML, each as fabric8's typed object. */
    private static List<HasMetadata> objects(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            if (!doc.isBlank()) {
                out.add(YAML.unmarshal(doc));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "maven-app", "spring"})
    void everyExportedObjectIsValidKubernetes(String example) throws Exception {
        String yaml = export(example);
        List<HasMetadata> objects = objects(yaml);
        assertThat(objects).extracting(HasMetadata::getKind).contains("Namespace", "Deployment", "Service");
        List<String> unknown = new ArrayList<>();
        for (HasMetadata o : objects) {
            assertThat(o).as("%s is a kind fabric8 models", o.getKind()).isNotInstanceOf(GenericKubernetesResource.class);
            strict(o, o.getKind() + "/" + o.getMetadata().getName(), unknown);
        }
        assertThat(unknown).as("fields fabric8's model does not know").isEmpty();
        assertThat(validate(objects)).endsWith("checked " + objects.size() + ", invalid 0");
    }

    @Test
    void theDocumentedRoleIsValidKubernetes() throws Exception {
        List<HasMetadata> role = objects(Files.readString(Path.of("rbac/jiti.yaml")));
        assertThat(role).extracting(HasMetadata::getKind).containsExactly("ClusterRole");
        List<String> unknown = new ArrayList<>();
        strict(role.get(0), "ClusterRole/jiti", unknown);
        assertThat(unknown).isEmpty();
        assertThat(validate(role)).endsWith("checked 1, invalid 0");
    }

    @Test
    void theCheckersRefuseWhatIsNotKubernetes() throws Exception {
        List<HasMetadata> hello = objects(export("hello"));
        String deployment = YAML.asYaml(hello.stream().filter(o -> o.getKind().equals("Deployment")).findFirst()
                .orElseThrow());
        List<String> unknown = new ArrayList<>();
        strict(YAML.unmarshal(deployment.replace("  replicas: 2", "  replica: 2")), "Deployment/web", unknown);
        assertThat(unknown).singleElement().asString().contains("replica");
        var wrong = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(YAML.asJson(YAML.unmarshal(deployment)));
        ((com.fasterxml.jackson.databind.node.ObjectNode) wrong.get("spec")).put("replicas", "two");
        assertThatThrownBy(() -> validate("[" + wrong + "]")).hasMessageContaining("replicas must be integer");
    }

    @Test
    void aStackWithTypesAClusterLacksIsRefusedBeforeAnyExport() {
        assertThatThrownBy(() -> export("shop")).isInstanceOf(InvalidStackException.class)
                .hasMessageContaining("type 'bucket' is not supported on provider 'kubernetes'")
                .hasMessageContaining("type 'queue' is not supported on provider 'kubernetes'");
    }

    /** Every {@code additionalProperties} fabric8 filled while reading {@code o}: fields its model lacks. */
    private static void strict(Object o, String path, List<String> unknown) throws ReflectiveOperationException {
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                strict(e.getValue(), path + "." + e.getKey(), unknown);
            }
            return;
        }
        if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                strict(l.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
                strict(value, path + "." + m.getName().substring(3), unknown);
            }
        }
    }

    private static String validate(List<HasMetadata> objects) throws IOException, InterruptedException {
        return validate(YAML.asJson(objects));
    }

    /** kubernetes-models' verdict on a JSON array of objects. */
    private static String validate(String objects) throws IOException, InterruptedException {
        Path file = Files.createTempFile(NODE_DIR, "objects", ".json");
        try {
            Files.writeString(file, objects);
            return run("node", NODE_DIR.resolve("validate.mjs").toString(), file.toString()).strip();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } finally {
            p.destroyForcibly();
        }
    }
}

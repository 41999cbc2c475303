package io.jiti.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import io.jiti.spi.LogSource;
import io.jiti.spi.Rotatable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code rbac/jiti.yaml}, the role the README gives a service account, allows every request the provider
 * makes: a stack of every type this provider offers is applied, planned, changed, stopped and started, its
 * secret rotated, its log read, a broken rollout undone, a particle pruned, and the stack taken down, while
 * the mock API server notes each request of the provider's client; each is then authorised against the
 * role's rules the way the API server's RBAC authoriser does (API group, resource and subresource, verb).
 */
class RbacIT {
    private static final Path ROLE = Path.of("rbac/jiti.yaml");
    private static final Path HELLO = Path.of("../examples/hello").toAbsolutePath().normalize();
    private static final String STACK = """
            stack: rbac
            particles:
              - {name: motd, type: file, spec: {content: hi}}
              - {name: token, type: secret}
              - {name: db, type: postgres}
              - name: api
                type: service
                state: STATE
                spec: {image: "hello:IMAGE", instances: 2, connect: [db], env: {TOKEN: "${token.value}", MOTD: "${motd.path}"}}
              - {name: migrate, type: job, spec: {image: "hello:1", command: "exit 0"}}
            """;

    private static Stack stack(String image, String state, boolean job) {
        String text = STACK.replace("IMAGE", image).replace("STATE", state);
        if (!job) {
            text = text.substring(0, text.indexOf("  - {name: migrate"));
        }
        return StackLoader.builtIn().onProvider("kubernetes").parse(text, "jiti.yaml", HELLO);
    }

    @Test
    void everyRequestTheProviderMakesIsOneTheDocumentedRoleAllows() throws Exception {
        Assumptions.assumeFalse(TestCluster.REAL, "the requests are seen by the mock API server");
        List<String> requests;
        try (TestCluster cluster = new TestCluster(); KubernetesProvider provider = cluster.provider()) {
            Reconciler r = new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults());
            assertThat(r.apply(stack("1", "running", true)).ok()).isTrue();
            assertThat(r.plan(stack("1", "running", true)).hasChanges()).isFalse();
            var token = r.observe("rbac").get("token");
            assertThat(((Rotatable) provider.types().get("secret")).rotate(token)).contains("api");
            ((LogSource) provider.types().get("service")).logs("rbac", "api", false, line -> { });
            assertThat(r.apply(stack("1", "stopped", true)).ok()).isTrue();
            assertThat(r.apply(stack("1", "running", true)).ok()).isTrue();
            assertThat(r.apply(stack("broken", "running", true)).ok()).as("undone").isFalse();
            assertThat(r.apply(stack("1", "running", false)).ok()).as("the job pruned").isTrue();
            assertThat(r.destroy("rbac").ok()).isTrue();
            assertThat(new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults().withForce(true))
                    .destroy("rbac").ok()).isTrue();
            requests = List.copyOf(cluster.dispatcher.providerRequests);
        }
        List<PolicyRule> rules = new KubernetesSerialization().unmarshal(Files.readString(ROLE), ClusterRole.class)
                .getRules();
        assertThat(requests).hasSizeGreaterThan(50);
        assertThat(requests).filteredOn(q -> !allowed(rules, q)).as("requests the role does not allow").isEmpty();

        // the check bites: without the lock's rule, the lock's requests (and only those) are refused
        List<PolicyRule> noLeases = rules.stream().filter(p -> !p.getResources().contains("leases")).toList();
        assertThat(requests).filteredOn(q -> !allowed(noLeases, q)).isNotEmpty().allMatch(q -> q.contains("/leases"));
    }

    /** Whether {@code rules} allow {@code request} ({@code METHOD path?query}), as RBAC decides. */
    static boolean allowed(List<PolicyRule> rules, String request) {
        Target t = Target.of(request);
        return rules.stream().anyMatch(p -> p.getApiGroups().contains(t.group())
                && p.getResources().contains(t.resource()) && p.getVerbs().contains(t.verb()));
    }

    /** What RBAC sees of a request: API group, resource (with its subresource), verb. */
    record Target(String group, String resource, String verb) {
        static Target of(String request) {
            String[] methodAndUrl = request.split(" ", 2);
            String[] pathAndQuery = methodAndUrl[1].split("\\?", 2);
            boolean watch = pathAndQuery.length > 1 && pathAndQuery[1].contains("watch=true");
            List<String> parts = new ArrayList<>(List.of(pathAndQuery[0].replaceFirst("^/", "").split("/")));
            String group;
            if (parts.get(0).equals("api")) { // /api/v1/...
                group = "";
                parts = parts.subList(2, parts.size());
            } else { // /apis/GROUP/VERSION/...
                group = parts.get(1);
                parts = parts.subList(3, parts.size());
            }
            if (parts.get(0).equals("namespaces") && parts.size() > 2) {
                parts = parts.subList(2, parts.size()); // namespaced: namespaces/NS/RESOURCE[/NAME[/SUB]]
            }
            String resource = parts.get(0) + (parts.size() > 2 ? "/" + parts.get(2) : "");
            boolean named = parts.size() > 1;
            String verb = switch (methodAndUrl[0]) {
                case "GET" -> watch ? "watch" : named ? "get" : "list";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> named ? "delete" : "deletecollection";
                default -> methodAndUrl[0].toLowerCase(java.util.Locale.ROOT);
            };
            return new Target(group, resource, verb);
        }
    }
}

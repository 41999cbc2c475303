package io.jiti.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.ProtectedException;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/hello} on the mock API server, as {@code jiti plan|up|down --provider kubernetes} runs it:
 * the objects it plans and makes with their marks, no change on a second plan, a removed particle pruned, a
 * postgres that {@code down} keeps, connection variables that read the Secret, and a rollout that misses its
 * deadline undone. With {@code JITI_KUBE_IT=1}
 * it runs on the kubeconfig's cluster instead (see the module's README).
 */
class HelloOnKubernetesIT {
    private static final Path HELLO = Path.of("../examples/hello").toAbsolutePath().normalize();
    private static TestCluster cluster;
    private static KubernetesProvider provider;

    @BeforeAll
    static void start() {
        cluster = new TestCluster("hello", "notes", "failing", "scaled", "rolling");
        provider = cluster.provider();
    }

    @AfterAll
    static void stop() {
        provider.close();
        cluster.close();
    }

    private static Reconciler reconciler(boolean force) {
        return new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults().withForce(force));
    }

    private static Stack load(String text) {
        return StackLoader.builtIn().onProvider("kubernetes").parse(text, "jiti.yaml", HELLO);
    }

    private static Stack hello(String extra) throws java.io.IOException {
        return load(Files.readString(HELLO.resolve("jiti.yaml")) + extra);
    }

    @Test
    void helloIsPlannedMadeWithItsMarksConvergedAndPruned() throws Exception {
        Plan plan = reconciler(false).plan(hello(""));
        assertThat(plan.changes()).extracting(Change::particle, Change::action).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("greeting", Action.CREATE),
                org.assertj.core.groups.Tuple.tuple("build", Action.CREATE),
                org.assertj.core.groups.Tuple.tuple("web", Action.CREATE));

        ApplyReport up = reconciler(false).apply(hello(""));
        assertThat(up.ok()).as("%s", up.problems()).isTrue();
        assertThat(up.output("web", "url")).isEqualTo("http://web.hello.svc.cluster.local");

        Deployment web = cluster.client.apps().deployments().inNamespace("hello").withName("web").get();
        assertThat(web.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "jiti")
                .containsEntry("jiti.io/stack", "hello").containsEntry("jiti.io/particle", "web")
                .containsEntry("jiti.io/type", "service");
        assertThat(web.getMetadata().getAnnotations()).containsKeys("jiti.io/spec-hash", "jiti.io/spec");
        assertThat(web.getSpec().getReplicas()).isEqualTo(2);
        var container = web.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("hello:1");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(
                org.assertj.core.groups.Tuple.tuple("GREETING_FILE", "/etc/jiti/files/greeting/greeting"),
                org.assertj.core.groups.Tuple.tuple("PORT", "8080"));
        assertThat(container.getVolumeMounts()).singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/jiti/files/greeting"));
        assertThat(cluster.client.services().inNamespace("hello").withName("web").get()).isNotNull();
        assertThat(cluster.client.policy().v1().podDisruptionBudget().inNamespace("hello").withName("web").get())
                .as("two instances: a disruption budget").isNotNull();
        assertThat(cluster.client.configMaps().inNamespace("hello").withName("greeting").get().getData())
                .containsEntry("greeting", "Hello from a just-in-time stack!");
        assertThat(cluster.client.batch().v1().jobs().inNamespace("hello").withName("build").get()).isNotNull();
        assertThat(up.output("build", "exitCode")).isEqualTo(0);
        if (!TestCluster.REAL) { // every object went through server-side apply as jiti, with strict validation
            assertThat(cluster.dispatcher.applies).contains("jiti Strict /apis/apps/v1/namespaces/hello/deployments/web",
                    "jiti Strict /api/v1/namespaces/hello/configmaps/greeting").allMatch(x -> x.startsWith("jiti Strict "));
        }

        assertThat(reconciler(false).plan(hello("")).hasChanges()).as("a second plan changes nothing").isFalse();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(provider.types().get("service").read("hello", "web").orElseThrow().instances())
                        .as("its pods are its instances").hasSize(2)
                        .allSatisfy(i -> {
                            assertThat(i.id()).startsWith("web-");
                            assertThat(i.port()).isEqualTo(8080);
                            assertThat(i.healthy()).isTrue();
                        }));

        // a particle added, then removed from the file: pruned with its objects
        String extra = "\n  - name: notes\n    type: file\n    spec: {content: later}\n";
        assertThat(reconciler(false).apply(hello(extra)).ok()).isTrue();
        assertThat(cluster.client.configMaps().inNamespace("hello").withName("notes").get()).isNotNull();
        Plan prune = reconciler(false).plan(hello(""));
        assertThat(prune.changes()).filteredOn(c -> c.action().changes()).extracting(Change::particle, Change::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("notes", Action.DELETE));
        assertThat(reconciler(false).apply(hello("")).ok()).isTrue();
        assertThat(cluster.client.configMaps().inNamespace("hello").withName("notes").get()).isNull();

        // one instance: no disruption budget left behind
        String one = Files.readString(HELLO.resolve("jiti.yaml")).replace("instances: 2", "instances: 1");
        assertThat(reconciler(false).apply(load(one)).ok()).isTrue();
        assertThat(cluster.client.policy().v1().podDisruptionBudget().inNamespace("hello").withName("web").get())
                .isNull();

        assertThat(reconciler(false).destroy("hello").ok()).isTrue();
        assertThat(cluster.client.apps().deployments().inNamespace("hello").list().getItems()).isEmpty();
        assertThat(cluster.client.services().inNamespace("hello").list().getItems()).isEmpty();
        assertThat(cluster.client.configMaps().inNamespace("hello").list().getItems()).isEmpty();
        assertThat(cluster.client.batch().v1().jobs().inNamespace("hello").list().getItems()).isEmpty();
    }

    @Test
    void aProtectedPostgresSurvivesDownAndItsPasswordOnlyEverTravelsAsAReference() {
        Stack stack = load("""
                stack: notes
                particles:
                  - name: db
                    type: postgres
                    spec: {databases: [notes, audit], initSql: "create table t (id int);", storage: 2Gi}
                  - name: api
                    type: service
                    spec: {image: "hello:1", connect: [db]}
                """);
        ApplyReport up = reconciler(false).apply(stack);
        assertThat(up.ok()).as("%s", up.problems()).isTrue();
        StatefulSet db = cluster.client.apps().statefulSets().inNamespace("notes").withName("db").get();
        assertThat(db.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage"))
                .hasToString("2Gi");
        assertThat(db.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
        Secret credentials = cluster.client.secrets().inNamespace("notes").withName("db-credentials").get();
        String password = new String(java.util.Base64.getDecoder().decode(credentials.getData().get("password")),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(password).hasSize(32);
        assertThat(cluster.client.configMaps().inNamespace("notes").withName("db-init").get().getData().get("init.sql"))
                .contains("create table t (id int);", "CREATE DATABASE audit OWNER db;");

        Deployment api = cluster.client.apps().deployments().inNamespace("notes").withName("api").get();
        var env = api.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).filteredOn(e -> e.getName().equals("PGPASSWORD")).singleElement().satisfies(e -> {
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("db-credentials");
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        });
        assertThat(env).filteredOn(e -> e.getName().equals("DATABASE_URL")).singleElement().satisfies(e ->
                assertThat(e.getValue()).matches("postgres://db:\\$\\(JITI_SECRET_\\d\\)@db\\.notes\\.svc\\.cluster\\.local:5432/notes"));
        assertThat(env.indexOf(env.stream().filter(e -> e.getName().startsWith("JITI_SECRET_")).findFirst().orElseThrow()))
                .as("the helper variable comes before the ones that use it").isZero();
        assertThat(cluster.client.apps().deployments().inNamespace("notes").list().toString()).doesNotContain(password);

        // the database is protected: down keeps it, stopped (no pods), with its data and password
        assertThat(reconciler(false).destroy("notes").ok()).isTrue();
        assertThat(cluster.client.apps().statefulSets().inNamespace("notes").withName("db").get().getSpec()
                .getReplicas()).isZero();
        assertThat(provider.types().get("postgres").read("notes", "db").orElseThrow().running()).isFalse();
        assertThat(cluster.client.apps().deployments().inNamespace("notes").withName("api").get()).isNull();
        assertThatThrownBy(() -> reconciler(false).apply(load("stack: notes\nparticles: []\n")))
                .isInstanceOf(ProtectedException.class).hasMessageContaining("db");
        // a second up finds the same password; down --force removes the server but keeps the claim's data and
        // the password that goes with it
        assertThat(reconciler(false).plan(stack).changes()).filteredOn(c -> c.particle().equals("db"))
                .extracting(Change::action).containsExactly(Action.START);
        assertThat(reconciler(false).apply(stack).ok()).isTrue();
        assertThat(cluster.client.apps().statefulSets().inNamespace("notes").withName("db").get().getSpec()
                .getReplicas()).isEqualTo(1);
        assertThat(cluster.client.secrets().inNamespace("notes").withName("db-credentials").get().getData())
                .isEqualTo(credentials.getData());
        assertThat(reconciler(true).destroy("notes").ok()).isTrue();
        assertThat(cluster.client.apps().statefulSets().inNamespace("notes").withName("db").get()).isNull();
        assertThat(cluster.client.services().inNamespace("notes").withName("db").get()).isNull();
        assertThat(cluster.client.secrets().inNamespace("notes").withName("db-credentials").get()).isNotNull();
    }

    @Test
    void autoscaleIsAHorizontalPodAutoscalerThatOwnsTheReplicas() {
        ApplyReport up = reconciler(false).apply(load("""
                stack: scaled
                particles:
                  - name: api
                    type: service
                    spec:
                      image: "hello:1"
                      resources: {requests: {cpu: 250m, memory: 128Mi}, limits: {memory: 256Mi}}
                      autoscale: {min: 2, max: 5, target: {cpu: 60}}
                """));
        assertThat(up.ok()).as("%s", up.problems()).isTrue();
        var hpa = cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("scaled").withName("api").get();
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageValue()).hasToString("600m");
        Deployment api = cluster.client.apps().deployments().inNamespace("scaled").withName("api").get();
        if (!TestCluster.REAL) { // (a real API server defaults the field, then the autoscaler sets it)
            assertThat(api.getSpec().getReplicas()).as("jiti never sets replicas: the autoscaler owns them").isNull();
        }
        assertThat(api.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests().get("cpu"))
                .hasToString("250m");
        assertThat(cluster.client.policy().v1().podDisruptionBudget().inNamespace("scaled").withName("api").get())
                .as("at least two pods: a disruption budget").isNotNull();
        assertThat(reconciler(false).destroy("scaled").ok()).isTrue();
        assertThat(cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("scaled").list().getItems())
                .isEmpty();
    }

    @Test
    void aFailedJobFailsWithItsExitCode() {
        ApplyReport job = reconciler(false).apply(load("""
                stack: failing
                particles:
                  - {name: migrate, type: job, spec: {image: "hello:1", command: "exit 3"}}
                """));
        assertThat(job.ok()).isFalse();
        assertThat(job.problems()).anySatisfy(p -> assertThat(p.toString()).contains("migrate").contains("exit code 3"));
        reconciler(true).destroy("failing");
    }

    /** Versions of one service: {@code hello:broken} never gets ready (no such image on a real cluster). */
    private static Stack rolling(String image, String env) {
        return load("""
                stack: rolling
                particles:
                  - name: api
                    type: service
                    spec: {image: "%s", readyTimeout: 20, env: {%s}}
                """.formatted(image, env));
    }

    @Test
    void aRolloutThatMissesItsDeadlineIsUndoneAndTheNextApplyLeavesNothingOfItBehind() {
        Tuple first = org.assertj.core.groups.Tuple.tuple("FIRST", "yes");
        assertThat(reconciler(false).apply(rolling("hello:1", "MODE: one, FIRST: 'yes'")).ok()).isTrue();

        ApplyReport broken = reconciler(false).apply(rolling("hello:broken", "MODE: broken"));
        assertThat(broken.ok()).isFalse();
        assertThat(broken.problems()).anySatisfy(p -> assertThat(p.toString()).contains("api")
                .contains("not ready within readyTimeout").contains("rolling back to the previous version"));
        Deployment api = cluster.client.apps().deployments().inNamespace("rolling").withName("api").get();
        var container = api.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).as("the previous version's pods are back").isEqualTo("hello:1");
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("MODE", "one"), first);
        assertThat(api.getSpec().getTemplate().getMetadata().getLabels()).as("the controller's own label stays its own")
                .doesNotContainKey(Rollback.POD_TEMPLATE_HASH);
        if (!TestCluster.REAL) {
            assertThat(cluster.dispatcher.applies).as("the undo is jiti's own server-side apply")
                    .allMatch(x -> x.startsWith("jiti Strict "));
        }

        // the particle reads failed, so the next plan applies it again
        var status = provider.types().get("service").read("rolling", "api").orElseThrow();
        assertThat(status.status()).isEqualTo(io.jiti.spi.Observed.Status.FAILED);
        assertThat(status.message()).contains("rolled back");
        Plan again = reconciler(false).plan(rolling("hello:broken", "MODE: broken"));
        assertThat(again.changes()).filteredOn(c -> c.particle().equals("api")).singleElement()
                .satisfies(c -> assertThat(c.action()).isEqualTo(Action.UPDATE));

        // a fixed version rolls out over it, with nothing of the restored template left (jiti owned it all)
        assertThat(reconciler(false).apply(rolling("hello:1", "MODE: two")).ok()).isTrue();
        container = cluster.client.apps().deployments().inNamespace("rolling").withName("api").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("MODE", "two")).doesNotContain(first)
                .doesNotContain(org.assertj.core.groups.Tuple.tuple("MODE", "one"));
        assertThat(reconciler(false).plan(rolling("hello:1", "MODE: two")).hasChanges()).isFalse();
        assertThat(reconciler(false).destroy("rolling").ok()).isTrue();

        // a first rollout that fails has nothing to go back to: it says so, and changes nothing
        ApplyReport fresh = reconciler(false).apply(rolling("hello:broken", "MODE: broken"));
        assertThat(fresh.ok()).isFalse();
        assertThat(fresh.problems()).anySatisfy(p -> assertThat(p.toString()).contains("no earlier version"));
        assertThat(cluster.client.apps().deployments().inNamespace("rolling").withName("api").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("hello:broken");
        assertThat(reconciler(true).destroy("rolling").ok()).isTrue();
    }
}

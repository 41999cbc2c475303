package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the cluster's controllers and kubelets on the mock API server, which has none: Deployments and
 * StatefulSets become ready (unless their image's tag is {@code broken}: their rollout then misses its
 * deadline), a Deployment keeps a numbered ReplicaSet per pod template as the Deployment controller does
 * (a template seen before gets its old ReplicaSet back, with the next revision), the pods of the current
 * ReplicaSet or StatefulSet run and read Ready (a broken one's do not, and the old ones stay), what an owner
 * that is gone owned goes with it, Jobs end with a pod that exited as their command says ({@code exit N}; 0 otherwise), as a real
 * cluster would run them. Against a real cluster none of this runs.
 */
final class Controllers implements AutoCloseable {
    private final KubernetesClient client;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mock-controllers");
        t.setDaemon(true);
        return t;
    });

    Controllers(KubernetesClient client) {
        this.client = client;
        loop.scheduleWithFixedDelay(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
            collectGarbage(deployments);
            deployments.forEach(this::deployment);
            client.apps().statefulSets().inAnyNamespace().list().getItems().forEach(this::statefulSet);
            client.batch().v1().jobs().inAnyNamespace().list().getItems().forEach(this::job);
        } catch (KubernetesClientException e) {
            // a conflict with the provider's own writes: the next tick tries again
        } catch (RuntimeException e) { // thrown on, it would end the loop without a word: said, and tried again
            e.printStackTrace();
        }
    }

    /** The garbage collector's part: ReplicaSets and pods whose owner is gone go with it. */
    private void collectGarbage(List<Deployment> deployments) {
        java.util.Set<String> live = new java.util.HashSet<>();
        deployments.forEach(d -> live.add(d.getMetadata().getUid()));
        List<ReplicaSet> sets = client.apps().replicaSets().inAnyNamespace().list().getItems();
        for (ReplicaSet rs : sets) {
            if (orphan(rs, live)) {
                client.resource(rs).delete();
            } else {
                live.add(rs.getMetadata().getUid());
            }
        }
        client.apps().statefulSets().inAnyNamespace().list().getItems().forEach(x -> live.add(x.getMetadata().getUid()));
        client.batch().v1().jobs().inAnyNamespace().list().getItems().forEach(x -> live.add(x.getMetadata().getUid()));
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            if (orphan(pod, live)) {
                client.resource(pod).delete();
            }
        }
    }

    private static boolean orphan(HasMetadata o, java.util.Set<String> live) {
        return !o.getMetadata().getOwnerReferences().isEmpty()
                && o.getMetadata().getOwnerReferences().stream().noneMatch(r -> live.contains(r.getUid()));
    }

    /**
     * The kubelet's part: {@code count} pods of {@code owner} from {@code template}, named {@code owner-N},
     * ready unless {@code broken}; the owner's other pods among {@code selector}'s go once these are ready.
     */
    private void pods(HasMetadata owner, Map<String, String> selector, PodTemplateSpec template, int count,
            boolean broken) {
        String ns = owner.getMetadata().getNamespace();
        String prefix = owner.getMetadata().getName() + "-";
        for (Pod pod : client.pods().inNamespace(ns).withLabels(selector).list().getItems()) {
            String name = pod.getMetadata().getName();
            boolean mine = name.startsWith(prefix) && name.substring(prefix.length()).matches("\\d+");
            if (mine ? Integer.parseInt(name.substring(prefix.length())) >= count : !broken) {
                client.resource(pod).delete();
            }
        }
        for (int i = 0; i < count; i++) {
            if (client.pods().inNamespace(ns).withName(prefix + i).get() == null) {
                client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(prefix + i)
                        .withLabels(template.getMetadata().getLabels())
                        .addNewOwnerReference().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                        .withController(true).endOwnerReference().endMetadata()
                        .withSpec(template.getSpec())
                        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                        .withStatus(broken ? "False" : "True").endCondition().endStatus().build()).create();
            }
        }
    }

    private static String image(io.fabric8.kubernetes.api.model.PodTemplateSpec t) {
        return t.getSpec().getContainers().get(0).getImage();
    }

    private void deployment(Deployment d) {
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        long generation = DeploymentHealth.generation(d);
        if (d.getStatus() != null && d.getStatus().getObservedGeneration() != null
                && d.getStatus().getObservedGeneration() == generation) {
            return;
        }
        ReplicaSet current = replicaSet(d, replicas);
        pods(current, d.getSpec().getSelector().getMatchLabels(), current.getSpec().getTemplate(), replicas,
                image(d.getSpec().getTemplate()).endsWith(":broken"));
        DeploymentStatusBuilder s = new DeploymentStatusBuilder().withObservedGeneration(generation)
                .withReplicas(replicas);
        if (image(d.getSpec().getTemplate()).endsWith(":broken")) {
            s.withReadyReplicas(0).withUpdatedReplicas(1).addToConditions(new DeploymentConditionBuilder()
                    .withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded").build());
        } else {
            s.withReadyReplicas(replicas).withUpdatedReplicas(replicas).withAvailableReplicas(replicas);
        }
        d.setStatus(s.build());
        client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).updateStatus();
    }

    /** The ReplicaSet of {@code d}'s current template, the Deployment controller's way. */
    private ReplicaSet replicaSet(Deployment d, int replicas) {
        String ns = d.getMetadata().getNamespace();
        var template = d.getSpec().getTemplate();
        String hash = Rollback.templateHash(template);
        List<ReplicaSet> owned = client.apps().replicaSets().inNamespace(ns)
                .withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> o.getUid().equals(d.getMetadata().getUid())))
                .toList();
        long newest = owned.stream().mapToLong(Controllers::revision).max().orElse(0);
        ReplicaSet same = owned.stream().filter(rs -> hash.equals(Rollback.templateHash(rs.getSpec().getTemplate())))
                .findFirst().orElse(null);
        if (same != null) {
            if (revision(same) < newest) {
                same.getMetadata().getAnnotations().put(Rollback.REVISION, Long.toString(newest + 1));
                return client.apps().replicaSets().inNamespace(ns).resource(same).update();
            }
            return same;
        }
        String podHash = Integer.toHexString(hash.hashCode());
        Map<String, String> labels = new java.util.LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put(Rollback.POD_TEMPLATE_HASH, podHash);
        var podTemplate = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(template).editMetadata()
                .withLabels(labels).endMetadata().build();
        return client.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder().withNewMetadata()
                .withName(d.getMetadata().getName() + "-" + podHash).withLabels(labels)
                .withAnnotations(Map.of(Rollback.REVISION, Long.toString(newest + 1)))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
                .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid()).withController(true)
                .endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                .withTemplate(podTemplate).endSpec().build()).create();
    }

    private static long revision(ReplicaSet rs) {
        return Long.parseLong(rs.getMetadata().getAnnotations().getOrDefault(Rollback.REVISION, "0"));
    }

    private void statefulSet(StatefulSet set) {
        long generation = DeploymentHealth.generation(set);
        if (set.getStatus() != null && set.getStatus().getObservedGeneration() != null
                && set.getStatus().getObservedGeneration() == generation) {
            return;
        }
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        pods(set, set.getSpec().getSelector().getMatchLabels(), set.getSpec().getTemplate(), replicas, false);
        set.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                .withReadyReplicas(replicas).withCurrentRevision("r" + generation).withUpdateRevision("r" + generation)
                .build());
        client.apps().statefulSets().inNamespace(set.getMetadata().getNamespace()).resource(set).updateStatus();
    }

    private void job(Job job) {
        if (job.getStatus() != null && (job.getStatus().getSucceeded() != null || job.getStatus().getFailed() != null)) {
            return;
        }
        List<String> command = job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand();
        java.util.regex.Matcher exit = java.util.regex.Pattern.compile("^exit (\\d+)$")
                .matcher(command == null || command.isEmpty() ? "" : command.get(command.size() - 1));
        int code = exit.matches() ? Integer.parseInt(exit.group(1)) : 0;
        boolean fails = code != 0;
        String ns = job.getMetadata().getNamespace();
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata()
                .withName(job.getMetadata().getName() + "-" + Long.toHexString(System.nanoTime() & 0xffff))
                .withLabels(jobPodLabels(job)).addNewOwnerReference().withApiVersion("batch/v1").withKind("Job")
                .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid()).withController(true)
                .endOwnerReference().endMetadata()
                .withNewStatus().addNewContainerStatus().withName("job").withNewState().withNewTerminated()
                .withExitCode(code).endTerminated().endState().endContainerStatus().endStatus().build())
                .create();
        JobStatusBuilder s = new JobStatusBuilder();
        if (fails) {
            s.withFailed(1).addToConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                    .withReason("BackoffLimitExceeded").build());
        } else {
            s.withSucceeded(1).addToConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build());
        }
        job.setStatus(s.build());
        client.batch().v1().jobs().inNamespace(ns).resource(job).updateStatus();
    }

    private static Map<String, String> jobPodLabels(Job job) {
        Map<String, String> labels = new java.util.LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("job-name", job.getMetadata().getName());
        return labels;
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}

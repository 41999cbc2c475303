package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.PodBuilder;
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
 * (a template seen before gets its old ReplicaSet back, with the next revision; they go with their
 * Deployment), Jobs end with a pod that exited as their command says ({@code exit N}; 0 otherwise), as a real
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

    /** The garbage collector's part: ReplicaSets whose Deployment is gone go with it. */
    private void collectGarbage(List<Deployment> deployments) {
        java.util.Set<String> live = new java.util.HashSet<>();
        deployments.forEach(d -> live.add(d.getMetadata().getUid()));
        for (ReplicaSet rs : client.apps().replicaSets().inAnyNamespace().list().getItems()) {
            if (rs.getMetadata().getOwnerReferences().stream().noneMatch(o -> live.contains(o.getUid()))) {
                client.resource(rs).delete();
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
        replicaSet(d, replicas);
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

    private void replicaSet(Deployment d, int replicas) {
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
                client.apps().replicaSets().inNamespace(ns).resource(same).update();
            }
            return;
        }
        String podHash = Integer.toHexString(hash.hashCode());
        Map<String, String> labels = new java.util.LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put(Rollback.POD_TEMPLATE_HASH, podHash);
        var podTemplate = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(template).editMetadata()
                .withLabels(labels).endMetadata().build();
        client.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder().withNewMetadata()
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
                .withLabels(Map.of("job-name", job.getMetadata().getName())).endMetadata()
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

    @Override
    public void close() {
        loop.shutdownNow();
    }
}

package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.jiti.api.DesiredState;
import io.jiti.spi.Desired;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code service}: a Deployment (rolling, one surge pod, none unavailable, undone past {@code readyTimeout}),
 * a Service on port 80, a PodDisruptionBudget when more than one pod serves, a HorizontalPodAutoscaler for
 * {@code autoscale}.
 */
final class ServiceManifests implements Manifests {
    static final int SERVICE_PORT = 80;

    @Override
    public List<HasMetadata> of(Desired d, String namespace) {
        Map<String, Object> spec = d.spec();
        String name = Marks.objectName(d.name());
        Map<String, Object> autoscale = Manifests.map(spec, "autoscale");
        int instances = Manifests.integer(spec, "instances", 1);
        int readyTimeout = Manifests.integer(spec, "readyTimeout", 60);
        java.util.Set<String> files = PodEnv.files(env(spec));
        List<HasMetadata> out = new ArrayList<>();
        DeploymentBuilder deployment = new DeploymentBuilder().withMetadata(Marks.meta(d, name, namespace, true));
        var ds = deployment.withNewSpec();
        if (autoscale == null || d.state() == DesiredState.STOPPED) {
            ds.withReplicas(d.state() == DesiredState.STOPPED ? 0 : instances); // with autoscale, the HPA owns it
        }
        ds.withNewSelector().withMatchLabels(Marks.selector(d.stack(), d.name())).endSelector()
                .withProgressDeadlineSeconds(readyTimeout)
                .withRevisionHistoryLimit(5)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(Marks.labels(d)).withAnnotations(Map.of(Marks.SPEC_HASH, d.specHash()))
                .endMetadata()
                .withNewSpec().withContainers(container(d, name, readyTimeout, files))
                .withVolumes(files.stream().map(PodEnv::volume).toList())
                .withNodeSelector(nodeSelector(spec))
                .endSpec().endTemplate().endSpec();
        out.add(deployment.build());
        out.add(new ServiceBuilder().withMetadata(Marks.meta(d, name, namespace, false)).withNewSpec()
                .withType("ClusterIP").withSelector(Marks.selector(d.stack(), d.name()))
                .addNewPort().withName("http").withPort(SERVICE_PORT).withTargetPort(new IntOrString("http"))
                .withProtocol("TCP").endPort().endSpec().build());
        int fewest = autoscale == null ? instances : Manifests.integer(autoscale, "min", 1);
        if (fewest > 1) {
            out.add(new PodDisruptionBudgetBuilder().withMetadata(Marks.meta(d, name, namespace, false)).withNewSpec()
                    .withMaxUnavailable(new IntOrString(1))
                    .withNewSelector().withMatchLabels(Marks.selector(d.stack(), d.name())).endSelector()
                    .endSpec().build());
        }
        if (autoscale != null) {
            out.add(autoscaler(d, name, namespace, autoscale));
        }
        return out;
    }

    private static HasMetadata autoscaler(Desired d, String name, String namespace, Map<String, Object> autoscale) {
        Map<String, Object> target = Manifests.map(autoscale, "target");
        double cpu = target == null || !(target.get("cpu") instanceof Number n) ? 80 : n.doubleValue();
        // percent of one core per pod, as an average value in millicores: no requests needed
        String millicores = Math.max(1, Math.round(cpu * 10)) + "m";
        return new HorizontalPodAutoscalerBuilder().withMetadata(Marks.meta(d, name, namespace, false)).withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                .endScaleTargetRef()
                .withMinReplicas(Manifests.integer(autoscale, "min", 1))
                .withMaxReplicas(Manifests.integer(autoscale, "max", 1))
                .addNewMetric().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("AverageValue").withAverageValue(new Quantity(millicores)).endTarget().endResource()
                .endMetric()
                .withNewBehavior().withNewScaleDown()
                .withStabilizationWindowSeconds(Manifests.integer(autoscale, "stabilization", 60))
                .endScaleDown().endBehavior()
                .endSpec().build();
    }

    private static Container container(Desired d, String name, int readyTimeout, java.util.Set<String> files) {
        Map<String, Object> spec = d.spec();
        int port = Manifests.integer(spec, "port", 8080);
        ContainerBuilder c = new ContainerBuilder().withName(name).withImage(Manifests.text(spec, "image", ""))
                .addNewPort().withName("http").withContainerPort(port).withProtocol("TCP").endPort()
                .withEnv(PodEnv.of(env(spec), Map.of("PORT", Integer.toString(port))))
                .withReadinessProbe(probe(spec, 2, 3, 0))
                .withLivenessProbe(probe(spec, 10, 3, readyTimeout))
                .withVolumeMounts(files.stream().map(PodEnv::mount).toList());
        if (spec.get("command") != null) {
            c.withCommand("sh", "-c", String.valueOf(spec.get("command")));
        }
        ResourceRequirements resources = resources(Manifests.map(spec, "resources"));
        if (resources != null) {
            c.withResources(resources);
        }
        return c.build();
    }

    /** An HTTP GET of {@code health} on the container's port, or a TCP connect without it. */
    private static Probe probe(Map<String, Object> spec, int period, int failures, int initialDelay) {
        ProbeBuilder p = new ProbeBuilder().withPeriodSeconds(period).withFailureThreshold(failures)
                .withTimeoutSeconds(2).withInitialDelaySeconds(initialDelay);
        Object health = spec.get("health");
        if (health != null) {
            p.withNewHttpGet().withPath(String.valueOf(health)).withPort(new IntOrString("http")).endHttpGet();
        } else {
            p.withNewTcpSocket().withPort(new IntOrString("http")).endTcpSocket();
        }
        return p.build();
    }

    static ResourceRequirements resources(Map<String, Object> resources) {
        if (resources == null) {
            return null;
        }
        return new ResourceRequirementsBuilder().withRequests(quantities(Manifests.map(resources, "requests")))
                .withLimits(quantities(Manifests.map(resources, "limits"))).build();
    }

    private static Map<String, Quantity> quantities(Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        Map<String, Quantity> out = new LinkedHashMap<>();
        for (String k : List.of("cpu", "memory")) {
            if (values.get(k) != null) {
                out.put(k, new Quantity(String.valueOf(values.get(k))));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> env(Map<String, Object> spec) {
        return spec.get("env") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> nodeSelector(Map<String, Object> spec) {
        if (!(spec.get("nodeSelector") instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<String, Object>) m).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    @Override
    public Map<String, Object> outputs(String stack, String name, Map<String, Object> spec, String namespace) {
        String host = Manifests.host(name, namespace);
        return Map.of("url", "http://" + host, "port", SERVICE_PORT, "host", host);
    }
}

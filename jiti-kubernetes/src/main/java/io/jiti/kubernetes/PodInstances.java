package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.jiti.spi.Instance;
import java.util.Comparator;
import java.util.List;

/**
 * A particle's pods as its instances: the pod's name as the id, no process id (the process is the
 * container's, on some node), the first container port, healthy when the pod reads Ready.
 */
final class PodInstances {
    private PodInstances() {
    }

    static List<Instance> of(Cluster cluster, String namespace, String stack, String particle) {
        return cluster.list(Pod.class, namespace, Marks.selector(stack, particle)).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getName()))
                .map(p -> new Instance(p.getMetadata().getName(), 0, port(p), ready(p)))
                .toList();
    }

    private static int port(Pod p) {
        if (p.getSpec() == null || p.getSpec().getContainers().isEmpty()) {
            return 0;
        }
        List<ContainerPort> ports = p.getSpec().getContainers().get(0).getPorts();
        return ports == null || ports.isEmpty() || ports.get(0).getContainerPort() == null ? 0
                : ports.get(0).getContainerPort();
    }

    private static boolean ready(Pod p) {
        if (p.getStatus() == null || p.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : p.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }
}

package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.jiti.api.DesiredState;
import io.jiti.spi.Desired;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Undoes a service's rollout, as {@code kubectl rollout undo} would, but as jiti's own server-side apply:
 * the Deployment jiti made from the particle's spec, with the pod template of the newest earlier ReplicaSet
 * (the previous version). Applied by jiti's field manager, every field of the restored template stays jiti's,
 * so the next apply of a fixed version leaves nothing of the old one behind.
 */
final class Rollback {
    /** The annotation the Deployment controller numbers its ReplicaSets with. */
    static final String REVISION = "deployment.kubernetes.io/revision";
    /** The label the Deployment controller tells its ReplicaSets' pods apart with. */
    static final String POD_TEMPLATE_HASH = "pod-template-hash";

    private Rollback() {
    }

    /**
     * Puts the previous version's pod template back into {@code live}.
     *
     * @return false when there is no previous version (the first rollout failed): nothing was changed
     */
    static boolean undo(Deployment live, Cluster cluster) {
        String ns = live.getMetadata().getNamespace();
        String want = Marks.annotation(live, Marks.SPEC_HASH);
        Optional<ReplicaSet> previous = cluster.list(ReplicaSet.class, ns, live.getSpec().getSelector().getMatchLabels())
                .stream()
                .filter(rs -> ownedBy(rs, live))
                .filter(rs -> !want.equals(templateHash(rs.getSpec().getTemplate())))
                .max(Comparator.comparingLong(Rollback::revision));
        if (previous.isEmpty()) {
            return false;
        }
        PodTemplateSpec template = new PodTemplateSpecBuilder(previous.get().getSpec().getTemplate()).build();
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.remove(POD_TEMPLATE_HASH);
        template.getMetadata().setLabels(labels);
        Deployment restored = (Deployment) new ServiceManifests().of(made(live), ns).get(0);
        restored.getSpec().setTemplate(template);
        cluster.apply(restored);
        return true;
    }

    /** The particle {@code live} was made for, as its marks record it. */
    private static Desired made(Deployment live) {
        Integer replicas = live.getSpec().getReplicas();
        DesiredState state = replicas != null && replicas == 0 ? DesiredState.STOPPED : DesiredState.RUNNING;
        return new Desired(Marks.label(live, Marks.STACK), Marks.label(live, Marks.PARTICLE),
                Marks.label(live, Marks.TYPE), Marks.spec(live), Marks.annotation(live, Marks.SPEC_HASH), state,
                Boolean.parseBoolean(Marks.annotation(live, Marks.PROTECT)), Marks.dependsOn(live), null);
    }

    /** The spec hash the pods of a template were made from. */
    static String templateHash(PodTemplateSpec template) {
        Map<String, String> a = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
        return a == null ? "" : a.getOrDefault(Marks.SPEC_HASH, "");
    }

    private static boolean ownedBy(HasMetadata o, HasMetadata owner) {
        for (OwnerReference r : o.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(r.getController()) && r.getUid().equals(owner.getMetadata().getUid())) {
                return true;
            }
        }
        return false;
    }

    private static long revision(ReplicaSet rs) {
        try {
            return Long.parseLong(Marks.annotation(rs, REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Set;

/**
 * One row of the provider's type table: everything it knows of a type in one place.
 *
 * @param id        the portable type id
 * @param manifests its objects and outputs
 * @param main      the kind of the object that carries the marks (what listing finds)
 * @param owned     every kind it makes that a delete removes (a postgres's claim and credentials are kept)
 * @param health    how the main object's status reads
 * @param updatable whether a change applies in place (a Job's pod template cannot change: it is replaced)
 * @param pods      whether it runs pods (then it has a log)
 * @param replaceOn top-level fields whose change is a replace even so
 */
record TypeRow(String id, Manifests manifests, Class<? extends HasMetadata> main,
               List<Class<? extends HasMetadata>> owned, Health health, boolean updatable, boolean pods,
               Set<String> replaceOn) {

    /** The table: the portable types this provider offers. */
    static final List<TypeRow> TABLE = List.of(
            new TypeRow("service", new ServiceManifests(), Deployment.class,
                    List.of(Deployment.class, Service.class, PodDisruptionBudget.class, HorizontalPodAutoscaler.class),
                    new DeploymentHealth(), true, true, Set.of()),
            new TypeRow("job", new JobManifests(), Job.class, List.of(Job.class), new JobHealth(), false, true, Set.of()),
            new TypeRow("file", new FileManifests(), ConfigMap.class, List.of(ConfigMap.class), Health.STORED, true, false,
                    Set.of()),
            new TypeRow("secret", new SecretManifests(), Secret.class, List.of(Secret.class), Health.STORED, false, false,
                    Set.of()),
            // a new major version needs a new data directory
            new TypeRow("postgres", new PostgresManifests(), StatefulSet.class,
                    List.of(StatefulSet.class, Service.class, ConfigMap.class), new StatefulSetHealth(), true, true,
                    Set.of("version")));

    /** Every kind any type makes, for pruning and export. */
    static final List<Class<? extends HasMetadata>> KINDS = List.of(Deployment.class, Service.class,
            PodDisruptionBudget.class, HorizontalPodAutoscaler.class, Job.class, ConfigMap.class, Secret.class,
            StatefulSet.class);
}

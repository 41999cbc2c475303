package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.jiti.api.DesiredState;
import io.jiti.spi.Desired;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code postgres}: a StatefulSet of one pod of the official {@code postgres} image with a claim for its data
 * (kept when the StatefulSet goes: retention policy {@code Retain}), a Service on 5432, a Secret with the
 * generated password of its role ({@code NAME-credentials}) and a ConfigMap of the first start's SQL (the
 * image runs {@code /docker-entrypoint-initdb.d} once, on an empty volume).
 */
final class PostgresManifests implements Manifests {
    static final int PORT = 5432;
    static final String PASSWORD = "password";

    @Override
    public List<HasMetadata> of(Desired d, String namespace) {
        Map<String, Object> spec = d.spec();
        String name = Marks.objectName(d.name());
        String credentials = name + "-credentials";
        String role = role(d.name());
        String database = databases(d.name(), spec).get(0);
        List<HasMetadata> out = new ArrayList<>();
        PersistentVolumeClaimBuilder claim = new PersistentVolumeClaimBuilder().withNewMetadata().withName("data")
                .withLabels(Marks.labels(d)).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity(Manifests.text(spec, "storage", "1Gi")))
                .endResources().endSpec();
        if (spec.get("storageClass") != null) {
            claim.editSpec().withStorageClassName(String.valueOf(spec.get("storageClass"))).endSpec();
        }
        out.add(new StatefulSetBuilder().withMetadata(Marks.meta(d, name, namespace, true)).withNewSpec()
                .withServiceName(name).withReplicas(d.state() == DesiredState.STOPPED ? 0 : 1)
                .withNewSelector().withMatchLabels(Marks.selector(d.stack(), d.name())).endSelector()
                .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Retain").withWhenScaled("Retain")
                .endPersistentVolumeClaimRetentionPolicy()
                .withNewTemplate().withNewMetadata().withLabels(Marks.labels(d)).endMetadata().withNewSpec()
                .addNewContainer().withName("postgres")
                .withImage("postgres:" + Manifests.text(spec, "version", "18"))
                .addNewPort().withName("postgres").withContainerPort(PORT).withProtocol("TCP").endPort()
                .addNewEnv().withName("POSTGRES_USER").withValue(role).endEnv()
                .addNewEnv().withName("POSTGRES_DB").withValue(database).endEnv()
                .addNewEnv().withName("POSTGRES_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                .withName(credentials).withKey(PASSWORD).endSecretKeyRef().endValueFrom().endEnv()
                .withNewReadinessProbe().withNewExec().withCommand("pg_isready", "-U", role, "-d", database).endExec()
                .withPeriodSeconds(2).withFailureThreshold(3).endReadinessProbe()
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/postgresql").endVolumeMount()
                .addNewVolumeMount().withName("init").withMountPath("/docker-entrypoint-initdb.d").withReadOnly(true)
                .endVolumeMount()
                .endContainer()
                .addNewVolume().withName("init").withNewConfigMap().withName(name + "-init").endConfigMap().endVolume()
                .endSpec().endTemplate()
                .withVolumeClaimTemplates(claim.build())
                .endSpec().build());
        out.add(new ServiceBuilder().withMetadata(Marks.meta(d, name, namespace, false)).withNewSpec()
                .withType("ClusterIP").withSelector(Marks.selector(d.stack(), d.name()))
                .addNewPort().withName("postgres").withPort(PORT).withTargetPort(new IntOrString("postgres"))
                .withProtocol("TCP").endPort().endSpec().build());
        out.add(new SecretBuilder().withMetadata(Marks.meta(d, credentials, namespace, false)).withType("Opaque").build());
        out.add(new ConfigMapBuilder().withMetadata(Marks.meta(d, name + "-init", namespace, false))
                .withData(Map.of("init.sql", initSql(d.name(), spec))).build());
        return out;
    }

    /** The first start's SQL: the role's other databases, then the spec's {@code initSql} in the first. */
    private static String initSql(String name, Map<String, Object> spec) {
        StringBuilder sql = new StringBuilder();
        Object own = spec.get("initSql");
        if (own != null) {
            sql.append(own).append('\n');
        }
        List<String> dbs = databases(name, spec);
        for (String db : dbs.subList(1, dbs.size())) {
            sql.append("CREATE DATABASE ").append(db).append(" OWNER ").append(role(name)).append(";\n");
        }
        return sql.toString();
    }

    @Override
    public Map<String, String> freshValues(Desired d, String secret, Map<String, String> env) {
        return Map.of(PASSWORD, io.jiti.api.SecretAlphabets.random("alphanumeric", 32));
    }

    /** The role: the particle name with - and . as _. */
    static String role(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    @SuppressWarnings("unchecked")
    static List<String> databases(String name, Map<String, Object> spec) {
        if (spec.get("databases") instanceof List<?> l && !l.isEmpty()) {
            return (List<String>) l;
        }
        return List.of(role(name));
    }

    @Override
    public Map<String, Object> outputs(String stack, String name, Map<String, Object> spec, String namespace) {
        String host = Manifests.host(name, namespace);
        String database = databases(name, spec).get(0);
        return Map.of("url", "jdbc:postgresql://" + host + ":" + PORT + "/" + database, "host", host, "port", PORT,
                "database", database, "username", role(name),
                "password", new SecretRef(stack, Marks.objectName(name) + "-credentials", PASSWORD).toString());
    }
}

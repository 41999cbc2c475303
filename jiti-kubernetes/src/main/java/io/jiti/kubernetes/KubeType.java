package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.jiti.api.DesiredState;
import io.jiti.spi.Creator;
import io.jiti.spi.Deleter;
import io.jiti.spi.Desired;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Startable;
import io.jiti.spi.Stoppable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A portable type on Kubernetes, as its {@link TypeRow} says: its objects are applied server-side, found by
 * their labels and read back into observations; readiness is the engine's polling of {@link #read}.
 */
class KubeType implements ParticleType, Creator, Deleter {
    private static final Duration POLL = Duration.ofMillis(500);
    private final TypeRow row;
    private final Cluster cluster;
    private final Map<String, String> env;

    /**
     * @param row     what the type is
     * @param cluster where its objects go
     * @param env     where a secret's {@code fromEnv} reads
     */
    KubeType(TypeRow row, Cluster cluster, Map<String, String> env) {
        this.row = row;
        this.cluster = cluster;
        this.env = env;
    }

    /** The type with the capabilities the table gives it. */
    static KubeType of(TypeRow row, Cluster cluster, Map<String, String> env) {
        if (row.id().equals("secret")) {
            return new RotatingSecret(row, cluster, env);
        }
        if (row.updatable()) {
            return row.pods() ? new UpdatableWithLogs(row, cluster, env) : new Updatable(row, cluster, env);
        }
        return row.pods() ? new WithLogs(row, cluster, env) : new KubeType(row, cluster, env);
    }

    Cluster cluster() {
        return cluster;
    }

    TypeRow row() {
        return row;
    }

    Map<String, String> env() {
        return env;
    }

    @Override
    public String id() {
        return row.id();
    }

    @Override
    public List<Observed> list(String stack) {
        String ns = cluster.namespace(stack);
        return cluster.list(row.main(), ns, Map.of(Marks.STACK, stack, Marks.TYPE, row.id())).stream()
                .map(o -> observe(stack, o)).toList();
    }

    @Override
    public Optional<Observed> read(String stack, String name) {
        HasMetadata o = cluster.get(row.main(), cluster.namespace(stack), Marks.objectName(name));
        if (o == null || !Marks.label(o, Marks.STACK).equals(stack) || !Marks.label(o, Marks.PARTICLE).equals(name)
                || !Marks.label(o, Marks.TYPE).equals(row.id())) {
            return Optional.empty();
        }
        return Optional.of(observe(stack, o));
    }

    private Observed observe(String stack, HasMetadata o) {
        String name = Marks.label(o, Marks.PARTICLE);
        Map<String, Object> spec = Marks.spec(o);
        Health.Reading r = row.health().read(o, cluster);
        Map<String, Object> outputs = new LinkedHashMap<>(row.manifests().outputs(stack, name, spec,
                o.getMetadata().getNamespace()));
        outputs.putAll(r.outputs());
        return new Observed(stack, name, row.id(), Marks.annotation(o, Marks.SPEC_HASH), spec, r.running(), r.status(),
                r.message(), outputs, Boolean.parseBoolean(Marks.annotation(o, Marks.PROTECT)), Marks.dependsOn(o),
                row.pods() ? PodInstances.of(cluster, o.getMetadata().getNamespace(), stack, name) : List.of());
    }

    @Override
    public Outcome create(Desired desired) {
        apply(desired);
        return new Outcome.InProgress(POLL);
    }

    /** Applies every object of {@code d}, then removes those of its objects it no longer has. */
    Outcome apply(Desired d) {
        cluster.ensureNamespace(d.stack());
        String ns = cluster.namespace(d.stack());
        Set<String> made = new HashSet<>();
        for (HasMetadata o : row.manifests().of(d, ns)) {
            if (o instanceof Secret s && (s.getData() == null || s.getData().isEmpty())) {
                s.setData(values(d, ns, s.getMetadata().getName()));
            }
            cluster.apply(o);
            made.add(o.getKind() + "/" + o.getMetadata().getName());
        }
        for (Class<? extends HasMetadata> kind : row.owned()) {
            for (HasMetadata o : cluster.list(kind, ns, Marks.selector(d.stack(), d.name()))) {
                if (!made.contains(o.getKind() + "/" + o.getMetadata().getName())) {
                    cluster.call(() -> cluster.client().resource(o).delete());
                }
            }
        }
        return new Outcome.InProgress(POLL);
    }

    /** The values of a Secret: those it has when it exists (never regenerated), else fresh ones. */
    private Map<String, String> values(Desired d, String ns, String secret) {
        Secret live = cluster.get(Secret.class, ns, secret);
        if (live != null && live.getData() != null && !live.getData().isEmpty()) {
            return live.getData();
        }
        Map<String, String> out = new LinkedHashMap<>();
        row.manifests().freshValues(d, secret, env).forEach((k, v) ->
                out.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return out;
    }

    @Override
    public Outcome delete(Observed current) {
        String ns = cluster.namespace(current.stack());
        for (Class<? extends HasMetadata> kind : row.owned()) {
            cluster.delete(kind, ns, Marks.selector(current.stack(), current.name()));
        }
        return new Outcome.InProgress(POLL);
    }

    /** A type whose changes apply in place. */
    static class Updatable extends KubeType implements io.jiti.spi.Updater {
        private final Set<String> replaceOn;

        Updatable(TypeRow row, Cluster cluster, Map<String, String> env) {
            super(row, cluster, env);
            this.replaceOn = row.replaceOn();
        }

        @Override
        public Outcome update(Desired desired, Observed current) {
            return apply(desired);
        }

        @Override
        public Set<String> replaceOn() {
            return replaceOn;
        }
    }

    /**
     * A type that runs pods, whose changes apply in place (service, postgres); stopping it scales it to no
     * pods (its objects, claims and Secrets stay), starting it scales it back.
     */
    static final class UpdatableWithLogs extends Updatable implements io.jiti.spi.LogSource, Stoppable, Startable {
        UpdatableWithLogs(TypeRow row, Cluster cluster, Map<String, String> env) {
            super(row, cluster, env);
        }

        @Override
        public void logs(String stack, String name, boolean follow, Lines which, java.util.function.Consumer<String> sink) {
            PodLogs.send(cluster(), stack, name, follow, which, sink);
        }

        @Override
        public Outcome stop(Observed current) {
            return apply(desired(current, DesiredState.STOPPED));
        }

        @Override
        public Outcome start(Observed current) {
            return apply(desired(current, DesiredState.RUNNING));
        }

        /** The particle as it was applied, in state {@code state}. */
        private static Desired desired(Observed o, DesiredState state) {
            return new Desired(o.stack(), o.name(), o.type(), o.spec(), o.specHash(), state, o.protect(), o.dependsOn(),
                    null);
        }
    }

    /** A type that runs pods and is replaced on change (job). */
    static final class WithLogs extends KubeType implements io.jiti.spi.LogSource {
        WithLogs(TypeRow row, Cluster cluster, Map<String, String> env) {
            super(row, cluster, env);
        }

        @Override
        public void logs(String stack, String name, boolean follow, Lines which, java.util.function.Consumer<String> sink) {
            PodLogs.send(cluster(), stack, name, follow, which, sink);
        }
    }
}

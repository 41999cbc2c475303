package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jiti.spi.Desired;
import io.jiti.spi.Exportable;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Provider;
import io.jiti.spi.StackLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@code kubernetes} provider: each stack in a namespace of its own (or one given), its particles as the
 * objects {@link TypeRow#TABLE} says, applied server-side with field manager {@code jiti}, found again by
 * their labels; the stack lock is a Lease. {@link #export} prints what it would apply.
 */
public final class KubernetesProvider implements Provider, Exportable {
    private final Cluster cluster;
    private final Map<String, ParticleType> types = new LinkedHashMap<>();
    private final Map<String, TypeRow> rows = new LinkedHashMap<>();
    private final Duration timeout;
    private final String holder;

    /**
     * @param connect   makes the client on first use (an export makes none)
     * @param namespace the namespace of every stack, or null for one per stack named after it
     * @param timeout   how long one operation (a rollout, say) may take
     * @param env       where a secret's {@code fromEnv} reads
     */
    public KubernetesProvider(Supplier<KubernetesClient> connect, String namespace, Duration timeout,
            Map<String, String> env) {
        this.cluster = new Cluster(connect, namespace);
        this.timeout = timeout;
        this.holder = System.getProperty("user.name", "jiti") + "@" + ProcessHandle.current().pid();
        for (TypeRow row : TypeRow.TABLE) {
            rows.put(row.id(), row);
            types.put(row.id(), KubeType.of(row, cluster, env));
        }
    }

    @Override
    public String id() {
        return KubernetesProviderFactory.ID;
    }

    @Override
    public Map<String, ParticleType> types() {
        return types;
    }

    @Override
    public StackLock lock(String stack, Consumer<String> onWait) {
        return LeaseLock.acquire(cluster, stack, holder, onWait);
    }

    @Override
    public int maxConcurrency() {
        return 8;
    }

    @Override
    public Duration operationTimeout() {
        return timeout;
    }

    @Override
    public Map<String, Object> plannedOutputs(String stack, String name, String type, Map<String, Object> spec) {
        TypeRow row = rows.get(type);
        return row == null ? Map.of() : row.manifests().outputs(stack, name, spec, cluster.namespace(stack));
    }

    /** The objects of {@code particles}, each stack's Namespace first, as multi-document YAML. */
    @Override
    public String export(List<Desired> particles) {
        List<HasMetadata> objects = manifests(particles);
        KubernetesSerialization yaml = new KubernetesSerialization();
        StringBuilder out = new StringBuilder();
        for (HasMetadata o : objects) {
            String doc = yaml.asYaml(o);
            out.append(doc.startsWith("---") ? doc : "---\n" + doc);
            if (!doc.endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** The objects the provider would apply for {@code particles} (Secrets without their values). */
    public List<HasMetadata> manifests(List<Desired> particles) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> namespaces = new ArrayList<>();
        for (Desired d : particles) {
            String ns = cluster.namespace(d.stack());
            if (!namespaces.contains(ns)) {
                namespaces.add(ns);
                objects.add(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(ns)
                        .withLabels(Map.of(Marks.MANAGED_BY, Marks.JITI)).endMetadata().build());
            }
            TypeRow row = rows.get(d.type());
            if (row != null) {
                objects.addAll(row.manifests().of(d, ns));
            }
        }
        return objects;
    }

    @Override
    public void close() {
        cluster.close();
    }
}

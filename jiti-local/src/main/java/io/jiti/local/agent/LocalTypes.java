package io.jiti.local.agent;

import io.jiti.local.Home;
import io.jiti.local.lb.Balancers;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The local provider's one type table: per type id, what the client side offers (its capabilities), which
 * fields force a replace, and what the agent runs for it. The provider, the agent and the schema additions
 * ({@code types.json}) all follow it; {@code LocalTypesTest} checks that they agree.
 */
public final class LocalTypes {

    /** What the client side of a type is, and so which capabilities it has. */
    public enum Client {
        /** Create, update in place, delete, start, stop, logs, a process environment. */
        SERVICE,
        /** Create, delete (any change is a replace), logs. */
        JOB,
        /** Create, update in place, delete. */
        FILE,
        /** Create, delete (a change is a replace), rotate. */
        SECRET,
        /** A backing server: create, update in place, delete, start, stop. */
        SERVER
    }

    /** What the agent needs to make a runtime. */
    record Context(Home home, RecordStore store, HealthChecker health, Env env, Consumer<Runnable> background,
                   Balancers balancers, SecretStore secrets) {
    }

    /** Makes the agent's runtime of a particle. */
    @FunctionalInterface
    interface Runtime {
        ParticleRuntime make(Context c, ParticleRecord r);
    }

    /**
     * One type.
     *
     * @param id        the portable type id
     * @param client    the client side's kind (its capabilities)
     * @param replaceOn fields whose change is a replace (a new cluster, a different kind of queue, re-keyed items)
     * @param runtime   what the agent runs
     */
    public record Row(String id, Client client, Set<String> replaceOn, Runtime runtime) {
    }

    /** The table. */
    public static final List<Row> TABLE = List.of(
            new Row("service", Client.SERVICE, Set.of(),
                    (c, r) -> new ServiceRuntime(c.home(), c.store(), c.health(), c.env(), c.background(), c.balancers(), r)),
            new Row("job", Client.JOB, Set.of(), (c, r) -> new JobRuntime(c.home(), c.store(), c.env(), r)),
            new Row("file", Client.FILE, Set.of(), (c, r) -> new FileRuntime(c.home(), c.store(), r)),
            new Row("secret", Client.SECRET, Set.of(), (c, r) -> new SecretRuntime(c.store(), c.secrets(), r)),
            new Row("postgres", Client.SERVER, Set.of("version"),
                    (c, r) -> new PostgresRuntime(c.home(), c.store(), c.secrets(), c.balancers(), r)),
            new Row("bucket", Client.SERVER, Set.of(),
                    (c, r) -> new BucketRuntime(c.home(), c.store(), c.secrets(), c.balancers(), r)),
            new Row("queue", Client.SERVER, Set.of("fifo"),
                    (c, r) -> new QueueRuntime(c.home(), c.store(), c.secrets(), c.balancers(), r)),
            new Row("table", Client.SERVER, Set.of("partitionKey", "sortKey"),
                    (c, r) -> new TableRuntime(c.home(), c.store(), c.secrets(), c.balancers(), r)));

    private LocalTypes() {
    }

    /** The row of a type id, if the local provider offers it. */
    public static Optional<Row> row(String id) {
        return TABLE.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}

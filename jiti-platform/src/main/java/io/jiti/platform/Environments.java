package io.jiti.platform;

import io.jiti.platform.deploy.LiveOutputs;
import io.jiti.platform.deploy.ProviderSource;
import io.jiti.platform.deploy.StackBuilder;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.TemplateKind;
import io.jiti.platform.model.TemplateRef;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.store.Store;
import io.jiti.spi.Provider;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Environments: shared infrastructure from an environment template, each deployed as a stack of its own. */
public final class Environments {
    /** The providers an environment may name. */
    public static final Set<String> PROVIDERS = Set.of("local");
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Catalog catalog;
    private final Deployments deployments;
    private final StackBuilder builder;
    private final ProviderSource providers;

    Environments(Store store, Clock clock, AuditLog audit, Catalog catalog, Deployments deployments,
            StackBuilder builder, ProviderSource providers) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.catalog = catalog;
        this.deployments = deployments;
        this.builder = builder;
        this.providers = providers;
    }

    /**
     * Creates an environment from {@code template} ({@code NAME@MAJOR[.MINOR]}) and queues its first deployment.
     *
     * @param labels   labels policies read ({@code tier: prod})
     * @param provider where it runs (null: {@code local})
     */
    public Deployment create(Caller caller, String name, String template, Map<String, Object> inputs,
            Map<String, String> labels, String provider) {
        Names.check("name", name);
        TemplateRef ref = TemplateRef.parse("template", template);
        String where = provider == null ? "local" : provider;
        if (!PROVIDERS.contains(where)) {
            throw PlatformException.badInput("provider", "unknown provider '" + Names.abbreviate(where) + "' (allowed: "
                    + String.join(", ", PROVIDERS) + ")");
        }
        Map<String, Object> in = inputs == null ? Map.of() : inputs;
        Map<String, String> tags = labels == null ? Map.of() : labels;
        return audit.guarded(caller, "environment.create", "environment/" + name, () -> {
            Access.requireAdmin(caller, "create environments");
            TemplateVersion v = catalog.forNewUse(caller, ref, TemplateKind.ENVIRONMENT, "template");
            Environment env = new Environment(name, v.name(), v.version(), in, tags, where, true, clock.instant());
            builder.build(env.target(), where, v, in, null, null);
            Deployment d = store.transaction(tx -> {
                if (!tx.insertEnvironment(env)) {
                    throw PlatformException.conflict("name", "environment " + name + " exists");
                }
                Deployment q = deployments.queue(tx, env.target(), v.name(), v.version(), in, null, "create", caller.user());
                audit.record(tx, caller.user(), "environment.create", "environment/" + name, "ok", v.id()
                        + ", deployment " + q.id());
                return q;
            });
            deployments.wake();
            return d;
        });
    }

    /**
     * Deletes an environment: queues a deployment that destroys its whole stack (its data included) and then
     * removes it. Refused while instances run in it, and, for a protected environment, unless {@code force}.
     */
    public Deployment delete(Caller caller, String name, boolean force) {
        Names.check("name", name);
        return audit.guarded(caller, "environment.delete", "environment/" + name, () -> {
            Access.requireAdmin(caller, "delete environments");
            Environment env = get(name);
            List<String> instances = store.instances().stream().filter(i -> i.environment().equals(name))
                    .map(i -> i.service()).sorted().toList();
            if (!instances.isEmpty()) {
                throw PlatformException.conflict("name", "environment " + name + " still has instances of "
                        + String.join(", ", instances) + "; delete them first");
            }
            if (env.protect() && !force) {
                throw PlatformException.conflict("force", "environment " + name + " is protected: deleting it destroys"
                        + " its data too; say so with force");
            }
            Deployment d = store.transaction(tx -> {
                Deployment q = deployments.queue(tx, env.target(), env.template(), env.version(), env.inputs(), null,
                        Deployment.DELETE, caller.user());
                audit.record(tx, caller.user(), "environment.delete", "environment/" + name, "ok", "deployment " + q.id()
                        + (force ? " (forced)" : ""));
                return q;
            });
            deployments.wake();
            return d;
        });
    }

    /** Every environment. */
    public List<Environment> list(Caller caller) {
        return store.environments();
    }

    /** One environment. */
    public Environment get(String name) {
        return store.environment(name).orElseThrow(() -> PlatformException.notFound("environment",
                "no environment " + Names.abbreviate(name)));
    }

    /** Its outputs, read live, sensitive values masked; empty before its first successful deployment. */
    public Map<String, Object> outputs(Caller caller, String name) {
        Environment env = get(name);
        if (store.lastSucceeded(env.target(), 0).isEmpty()) {
            return Map.of();
        }
        try (Provider p = providers.open(env.provider())) {
            return LiveOutputs.masked(new LiveOutputs(store, builder).read(env, p));
        }
    }
}

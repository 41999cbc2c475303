package io.jiti.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jiti.blueprints.Blueprint;
import io.jiti.blueprints.BlueprintReader;
import io.jiti.platform.deploy.LiveOutputs;
import io.jiti.platform.deploy.ProviderSource;
import io.jiti.platform.deploy.StackBuilder;
import io.jiti.spi.Provider;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.TemplateKind;
import io.jiti.platform.model.TemplateRef;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A team's services and their instances, one per environment, each deployed as its own stack. */
public final class Services {
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Catalog catalog;
    private final Entitlements entitlements;
    private final Deployments deployments;
    private final StackBuilder builder;
    private final ProviderSource providers;

    Services(Store store, Clock clock, AuditLog audit, Catalog catalog, Entitlements entitlements,
            Deployments deployments, StackBuilder builder, ProviderSource providers) {
        this.providers = providers;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.catalog = catalog;
        this.entitlements = entitlements;
        this.deployments = deployments;
        this.builder = builder;
    }

    /** Creates a service of {@code team} from a service template major its team is entitled to. */
    public Service create(Caller caller, String name, String template, String team) {
        Names.check("name", name);
        Names.check("team", team);
        TemplateRef ref = TemplateRef.parse("template", template);
        return audit.guarded(caller, "service.create", "service/" + name, () -> {
            Access.requireTeam(caller, team, "create services");
            if (store.team(team).isEmpty()) {
                throw PlatformException.notFound("team", "no team " + team);
            }
            TemplateVersion v = catalog.forNewUse(caller, new TemplateRef(ref.name(), ref.major(),
                    java.util.OptionalInt.empty()), TemplateKind.SERVICE, "template");
            entitlements.require(team, v.name(), ref.major());
            Service s = new Service(name, team, v.name(), ref.major(), clock.instant());
            return store.transaction(tx -> {
                if (!tx.insertService(s)) {
                    throw PlatformException.conflict("name", "service " + name + " exists");
                }
                audit.record(tx, caller.user(), "service.create", "service/" + name, "ok", ref.name() + "@" + ref.major()
                        + ", team " + team);
                return s;
            });
        });
    }

    /** Every service. */
    public List<Service> list(Caller caller) {
        return store.services();
    }

    /** One service. */
    public Service get(String name) {
        return store.service(name).orElseThrow(() -> PlatformException.notFound("service",
                "no service " + Names.abbreviate(name)));
    }

    /**
     * Creates the instance of {@code service} in {@code environment} on the major's recommended version, with
     * {@code components} (particles of the developer's own, of the types the template allows), and queues its
     * deployment.
     */
    public Deployment createInstance(Caller caller, String service, String environment, Map<String, Object> inputs,
            JsonNode components) {
        Names.check("service", service);
        Names.check("environment", environment);
        Map<String, Object> in = inputs == null ? Map.of() : inputs;
        JsonNode comps = components == null ? JsonNodeFactory.instance.arrayNode() : components;
        String target = "instance/" + service + "/" + environment;
        return audit.guarded(caller, "instance.create", target, () -> {
            Service s = get(service);
            Access.requireOwner(caller, s, "create instances");
            Environment env = store.environment(environment).orElseThrow(() -> PlatformException.notFound("environment",
                    "no environment " + environment));
            entitlements.requireEnvironment(s.team(), s.template(), s.major(), environment);
            TemplateVersion v = catalog.recommended(s.template(), s.major()).orElseThrow(() -> PlatformException.conflict(
                    "service", s.template() + "@" + s.major() + " has no published version"));
            checkFits(v, env);
            checkComponents(v, comps);
            builder.build(Target.instance(service, environment), env.provider(), v, in, comps, null);
            Deployment d = store.transaction(tx -> {
                Instance i = new Instance(service, environment, v.version(), in, comps, clock.instant());
                if (!tx.insertInstance(i)) {
                    throw PlatformException.conflict("environment", "service " + service + " has an instance in "
                            + environment);
                }
                Deployment q = deployments.queue(tx, i.target(), v.name(), v.version(), in, comps, "create", caller.user());
                audit.record(tx, caller.user(), "instance.create", target, "ok", v.id() + ", deployment " + q.id());
                return q;
            });
            deployments.wake();
            return d;
        });
    }

    /**
     * Changes an instance: to another version of its service's major ({@code MAJOR.MINOR}; null keeps it), other
     * inputs and other components (null keeps them), and queues its deployment.
     */
    public Deployment updateInstance(Caller caller, String service, String environment, String version,
            Map<String, Object> inputs, JsonNode components) {
        Names.check("service", service);
        Names.check("environment", environment);
        String target = "instance/" + service + "/" + environment;
        return audit.guarded(caller, "instance.update", target, () -> {
            Service s = get(service);
            Access.requireOwner(caller, s, "change instances");
            Instance i = store.instance(service, environment).orElseThrow(() -> PlatformException.notFound("environment",
                    "service " + service + " has no instance in " + environment));
            entitlements.requireEnvironment(s.team(), s.template(), s.major(), environment);
            TemplateVersion v = version == null ? catalog.version(s.template(), i.version())
                    : catalog.forNewUse(caller, TemplateRef.parse("version", s.template() + "@" + version),
                            TemplateKind.SERVICE, "version");
            if (v.version().major() != s.major()) {
                throw PlatformException.badInput("version", "service " + service + " uses " + s.template() + "@"
                        + s.major() + "; another major is a new service or a fleet upgrade");
            }
            Map<String, Object> in = inputs == null ? i.inputs() : inputs;
            JsonNode comps = components == null ? i.components() : components;
            Environment env = store.environment(environment).orElseThrow();
            checkFits(v, env);
            checkComponents(v, comps);
            builder.build(i.target(), env.provider(), v, in, comps, null);
            Deployment d = store.transaction(tx -> {
                tx.updateInstance(new Instance(service, environment, v.version(), in, comps, i.created()));
                Deployment q = deployments.queue(tx, i.target(), v.name(), v.version(), in, comps, "update",
                        caller.user(), Deployments.currentCommit(tx, i.target()));
                audit.record(tx, caller.user(), "instance.update", target, "ok", v.id() + ", deployment " + q.id());
                return q;
            });
            deployments.wake();
            return d;
        });
    }

    /**
     * Deletes the instance of {@code service} in {@code environment}: queues a deployment that destroys its
     * whole stack (its components and their data included) and then removes the instance.
     */
    public Deployment deleteInstance(Caller caller, String service, String environment) {
        Names.check("service", service);
        Names.check("environment", environment);
        String target = "instance/" + service + "/" + environment;
        return audit.guarded(caller, "instance.delete", target, () -> {
            Service s = get(service);
            Access.requireOwner(caller, s, "delete instances");
            Instance i = instance(service, environment);
            Deployment d = store.transaction(tx -> {
                Deployment q = deployments.queue(tx, i.target(), s.template(), i.version(), i.inputs(), i.components(),
                        Deployment.DELETE, caller.user());
                audit.record(tx, caller.user(), "instance.delete", target, "ok", "deployment " + q.id());
                return q;
            });
            deployments.wake();
            return d;
        });
    }

    /** The live outputs of the instance of {@code service} in {@code environment} (sensitive values masked). */
    public Map<String, Object> outputs(Caller caller, String service, String environment) {
        Instance i = instance(service, environment);
        Environment env = store.environment(environment).orElseThrow();
        if (store.lastSucceeded(i.target(), 0).isEmpty()) {
            return Map.of();
        }
        try (Provider p = providers.open(env.provider())) {
            return LiveOutputs.masked(new LiveOutputs(store, builder).read(i.target(), env, p));
        }
    }

    /** The instance of {@code service} in {@code environment}. */
    public Instance instance(String service, String environment) {
        return store.instance(service, environment).orElseThrow(() -> PlatformException.notFound("environment",
                "service " + Names.abbreviate(service) + " has no instance in " + Names.abbreviate(environment)));
    }

    /** Every instance. */
    public List<Instance> instances(Caller caller) {
        return store.instances();
    }

    /** The service template fits the environment: its template major, and every requirement against its outputs. */
    private void checkFits(TemplateVersion service, Environment env) {
        Blueprint s = BlueprintReader.read(service.bundle(), service.id());
        String fits = env.template() + "@" + env.version().major();
        if (!s.contract().requires().isEmpty() && !s.contract().environments().contains(fits)) {
            throw PlatformException.conflict("environment", service.id() + " fits " + String.join(", ",
                    s.contract().environments()) + "; environment " + env.name() + " is " + env.template() + "@"
                    + env.version());
        }
        TemplateVersion envVersion = catalog.version(env.template(), env.version());
        List<String> problems = Contracts.mismatches(s, BlueprintReader.read(envVersion.bundle(), envVersion.id()));
        if (!problems.isEmpty()) {
            throw PlatformException.conflict("environment", String.join("; ", problems));
        }
    }

    private static void checkComponents(TemplateVersion service, JsonNode components) {
        if (!components.isArray()) {
            throw PlatformException.badInput("components", "components is a list of particles");
        }
        List<String> allowed = BlueprintReader.read(service.bundle(), service.id()).contract().components();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            String type = components.get(i).path("type").asText("");
            if (!allowed.contains(type)) {
                problems.add("components[" + i + "] is a '" + Names.abbreviate(type) + "'; " + service.id() + " allows "
                        + (allowed.isEmpty() ? "no components" : String.join(", ", allowed)));
            }
        }
        if (!problems.isEmpty()) {
            throw PlatformException.badInput("components", String.join("; ", problems));
        }
    }
}

package io.jiti.platform;

import io.jiti.blueprints.Registry;
import io.jiti.platform.deploy.CelPolicies;
import io.jiti.platform.deploy.DeploymentRunner;
import io.jiti.platform.deploy.PolicyGuardrail;
import io.jiti.platform.deploy.DeploymentWorker;
import io.jiti.platform.deploy.MetricsCollector;
import io.jiti.platform.deploy.Guardrail;
import io.jiti.platform.deploy.ProviderSource;
import io.jiti.platform.deploy.SourceBuilds;
import io.jiti.platform.deploy.StackBuilder;
import io.jiti.platform.deploy.TargetHealth;
import io.jiti.sops.Identities;
import io.jiti.platform.store.Store;
import io.jiti.spi.ParticleType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The platform's domain in one place: every interface (REST, console, CLI, webhooks) goes through these
 * services, which check roles, teams and entitlements themselves, so that no interface can differ.
 */
public final class Platform implements AutoCloseable {
    private final AuditLog audit;
    private final Identity identity;
    private final Catalog catalog;
    private final Entitlements entitlements;
    private final Deployments deployments;
    private final Environments environments;
    private final Services services;
    private final Inventory inventory;
    private final DeploymentWorker worker;
    private final Policies policies;
    private final CampaignDriver campaigns;
    private final Upgrades upgrades;
    private final MetricsCollector collector;
    private final Metrics metrics;
    private final Store store;
    private final Sources sources;
    private final Releases releases;
    private final Delivery delivery;
    private final Pipelines pipelines;
    private final TemplateSync templateSync;
    private final SourcePoller poller;
    private final Ticker releaseTicker;
    private final Ticker pollTicker;

    /**
     * What the platform is made of.
     *
     * @param store     its rows
     * @param providers where targets run
     * @param types     a provider's types: what compatibility checks take as in-place changes
     * @param registry  where templates find the blueprints they use
     * @param workDir   where stacks' relative paths resolve (a directory per stack below it)
     * @param guardrail judges each deployment besides the stored policies (tests; {@link Guardrail#none()})
     * @param workers   how many deployments run at once
     * @param clock     the time
     * @param sampling  how often the provider's figures of every target are sampled for charts (zero: never)
     * @param identities the age identities that decrypt sources' config files (none: a source with one cannot deploy)
     */
    public record Settings(Store store, ProviderSource providers, Map<String, ParticleType> types, Registry registry,
                           Path workDir, Guardrail guardrail, int workers, Clock clock, Duration sampling,
                           Identities identities) {
    }

    /** The platform over {@code settings}; {@link #start()} starts its worker. */
    public Platform(Settings s) {
        Store store = s.store();
        this.store = store;
        StackBuilder builder = new StackBuilder(s.registry(), s.workDir(), s.providers()::types);
        this.audit = new AuditLog(store, s.clock());
        this.identity = new Identity(store, s.clock(), audit);
        this.catalog = new Catalog(store, s.clock(), audit, s.registry(), s.types());
        this.entitlements = new Entitlements(store, audit);
        CelPolicies cel = new CelPolicies();
        this.policies = new Policies(store, s.clock(), audit, cel);
        Guardrail guardrail = Guardrail.both(new PolicyGuardrail(store, cel), s.guardrail());
        SourceBuilds builds = new SourceBuilds(store, s.workDir(), s.identities(), Duration.ofSeconds(60));
        this.worker = new DeploymentWorker(store, new DeploymentRunner(store, s.providers(), builder, guardrail, builds,
                s.clock()), s.workers(), s.clock());
        this.deployments = new Deployments(store, s.clock(), audit, worker::wake);
        this.environments = new Environments(store, s.clock(), audit, catalog, deployments, builder, s.providers());
        this.services = new Services(store, s.clock(), audit, catalog, entitlements, deployments, builder,
                s.providers());
        this.inventory = new Inventory(store);
        this.campaigns = new CampaignDriver(store, s.clock(), audit, deployments, s.providers());
        this.upgrades = new Upgrades(store, s.clock(), audit, catalog, builder, s.providers(), campaigns::wake);
        this.collector = new MetricsCollector(store, s.providers(), s.clock(), s.sampling(), Metrics.MAX_WINDOW);
        this.metrics = new Metrics(store, s.clock());
        this.releases = new Releases(store, s.clock(), audit, deployments, builds.git());
        ReleaseDriver driver = new ReleaseDriver(store, s.clock(), audit, releases, new TargetHealth(s.providers()));
        this.releaseTicker = new Ticker("jiti-releases", 500, driver::tick);
        this.delivery = new Delivery(store, s.clock(), releases, entitlements, releaseTicker::wake);
        this.poller = new SourcePoller(store, s.clock(), builds.git(), delivery);
        this.templateSync = new TemplateSync(store, s.clock(), audit, catalog, builds.git(), s.workDir());
        this.pollTicker = new Ticker("jiti-poller", 1000, () -> {
            poller.tick();
            templateSync.pollDue();
        });
        this.sources = new Sources(store, s.clock(), audit, pollTicker::wake);
        this.pipelines = new Pipelines(store, s.clock(), audit, releases, releaseTicker::wake);
    }

    /** Starts the deployment worker, resuming what was running; returns how many deployments were resumed. */
    public int start() {
        int resumed = worker.start();
        campaigns.start();
        collector.start();
        releaseTicker.start();
        pollTicker.start();
        return resumed;
    }

    /** Teams, users, tokens. */
    public Identity identity() {
        return identity;
    }

    /** Templates. */
    public Catalog templates() {
        return catalog;
    }

    /** Entitlements. */
    public Entitlements entitlements() {
        return entitlements;
    }

    /** Deployment records. */
    public Deployments deployments() {
        return deployments;
    }

    /** Environments. */
    public Environments environments() {
        return environments;
    }

    /** Services and instances. */
    public Services services() {
        return services;
    }

    /** The inventory. */
    public Inventory inventory() {
        return inventory;
    }

    /** Fleet upgrades. */
    public Upgrades upgrades() {
        return upgrades;
    }

    /** Guardrail policies. */
    public Policies policies() {
        return policies;
    }

    /** Sampled figures of targets. */
    public Metrics metrics() {
        return metrics;
    }

    /** Samples every target's figures now (the server also does at its interval). */
    public int sampleMetrics() {
        return collector.collect();
    }

    /** Services' sources. */
    public Sources sources() {
        return sources;
    }

    /** Releases of sources, and rollbacks. */
    public Releases releases() {
        return releases;
    }

    /** Webhooks and polls of sources. */
    public Delivery delivery() {
        return delivery;
    }

    /** Templates from git. */
    public TemplateSync templateSync() {
        return templateSync;
    }

    /** Pipelines and approvals. */
    public Pipelines pipelines() {
        return pipelines;
    }

    /** Polls the source of {@code service} now, and only it (the server also does at the source's interval). */
    public void pollSource(String service) {
        store.delivery().source(service).ifPresent(poller::poll);
    }

    /** The audit log. */
    public AuditLog audit() {
        return audit;
    }

    @Override
    public void close() {
        pollTicker.close();
        releaseTicker.close();
        collector.close();
        campaigns.close();
        worker.close();
    }
}

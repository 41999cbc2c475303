package io.jiti.platform;

import io.jiti.blueprints.BlueprintVersion;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.Reconciler;
import io.jiti.plan.Action;
import io.jiti.plan.Change;
import io.jiti.platform.deploy.LiveOutputs;
import io.jiti.platform.deploy.ProviderSource;
import io.jiti.platform.deploy.StackBuilder;
import io.jiti.platform.model.Campaign;
import io.jiti.platform.model.CampaignItem;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Page;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.TemplateKind;
import io.jiti.platform.model.TemplateRef;
import io.jiti.platform.model.TemplateStatus;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.model.UpgradeTarget;
import io.jiti.platform.store.Store;
import io.jiti.spi.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fleet upgrades: which targets of a template a new version would move and what each one's plan is (the blast
 * radius), then a campaign that moves them wave by wave ({@link CampaignDriver} carries it out).
 */
public final class Upgrades {
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Catalog catalog;
    private final StackBuilder builder;
    private final ProviderSource providers;
    private final Runnable wake;

    Upgrades(Store store, Clock clock, AuditLog audit, Catalog catalog, StackBuilder builder, ProviderSource providers,
            Runnable wake) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.catalog = catalog;
        this.builder = builder;
        this.providers = providers;
        this.wake = wake;
    }

    /**
     * What upgrading to {@code version} ({@code NAME@MAJOR.MINOR}, published) would do: every target of that
     * template and major on an older version, in the environments of {@code waves} (all when empty), each with
     * its plan.
     */
    public List<UpgradeTarget> preview(Caller caller, String version, List<String> waves) {
        Access.requireAdmin(caller, "upgrade fleets");
        TemplateVersion to = target(version);
        List<UpgradeTarget> out = new ArrayList<>();
        for (Pending p : pending(to, waves)) {
            out.add(plan(p, to));
        }
        return out;
    }

    /** Starts a campaign to {@code version} over {@code waves}, {@code parallel} at once, each settled for {@code settle}. */
    public Campaign start(Caller caller, String version, List<String> waves, int parallel, Duration settle) {
        return audit.guarded(caller, "upgrade.start", "template/" + version, () -> {
            Access.requireAdmin(caller, "upgrade fleets");
            if (parallel < 1 || parallel > 100) {
                throw PlatformException.badInput("parallel", "parallel is from 1 to 100");
            }
            if (settle.isNegative() || settle.compareTo(Duration.ofHours(24)) > 0) {
                throw PlatformException.badInput("settleSeconds", "the settle time is from 0 to 24 hours");
            }
            TemplateVersion to = target(version);
            List<Pending> pending = pending(to, waves);
            if (pending.isEmpty()) {
                throw PlatformException.conflict("version", "nothing to upgrade: no target of " + to.name() + "@"
                        + to.version().major() + " runs a version below " + to.version()
                        + (waves.isEmpty() ? "" : " in " + String.join(", ", waves)));
            }
            List<CampaignItem> items = pending.stream().map(p -> new CampaignItem(p.target(), p.wave(), p.from(), 0,
                    "pending", null, "waiting for its wave")).toList();
            Campaign c = store.transaction(tx -> {
                Campaign made = tx.insertCampaign(new Campaign(0, to.name(), to.version(), waves, parallel, settle,
                        "running", 0, clock.instant(), caller.user(), null, "wave 1 starting", items));
                audit.record(tx, caller.user(), "upgrade.start", "template/" + to.id(), "ok", "campaign " + made.id()
                        + ": " + items.size() + " target(s)" + (waves.isEmpty() ? "" : ", waves " + String.join(" -> ", waves)));
                return made;
            });
            wake.run();
            return c;
        });
    }

    /** One campaign. */
    public Campaign campaign(Caller caller, long id) {
        return store.campaign(id).orElseThrow(() -> PlatformException.notFound("id", "no campaign " + id));
    }

    /** Campaigns, newest first. */
    public Page<Campaign> campaigns(Caller caller, int limit) {
        return new Page<>(store.campaigns(false, Access.limit(limit)), null);
    }

    private TemplateVersion target(String version) {
        TemplateRef ref = TemplateRef.parse("version", version);
        if (ref.minor().isEmpty()) {
            throw PlatformException.badInput("version", "an upgrade names a version: NAME@MAJOR.MINOR");
        }
        TemplateVersion v = catalog.version(ref.name(), new BlueprintVersion(ref.major(), ref.minor().getAsInt()));
        if (v.status() != TemplateStatus.PUBLISHED) {
            throw PlatformException.conflict("version", v.id() + " is " + v.status().word() + "; an upgrade moves to a"
                    + " published version");
        }
        return v;
    }

    /** A target an upgrade would move. */
    private record Pending(Target target, Environment environment, int wave, BlueprintVersion from,
                           Map<String, Object> inputs, com.fasterxml.jackson.databind.JsonNode components) {
    }

    private List<Pending> pending(TemplateVersion to, List<String> waves) {
        for (String w : waves) {
            if (store.environment(w).isEmpty()) {
                throw PlatformException.notFound("waves", "no environment " + Names.abbreviate(w));
            }
        }
        List<Pending> out = new ArrayList<>();
        if (to.kind() == TemplateKind.ENVIRONMENT) {
            for (Environment e : store.environments()) {
                if (e.template().equals(to.name()) && older(e.version(), to.version()) && wave(waves, e.name()) >= 0) {
                    out.add(new Pending(e.target(), e, wave(waves, e.name()), e.version(), e.inputs(), null));
                }
            }
        } else {
            for (Instance i : store.instances()) {
                Service s = store.service(i.service()).orElseThrow();
                if (s.template().equals(to.name()) && older(i.version(), to.version()) && wave(waves, i.environment()) >= 0) {
                    out.add(new Pending(i.target(), store.environment(i.environment()).orElseThrow(),
                            wave(waves, i.environment()), i.version(), i.inputs(), i.components()));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Pending::wave).thenComparing(p -> p.target().toString()));
        return out;
    }

    private static boolean older(BlueprintVersion v, BlueprintVersion to) {
        return v.major() == to.major() && v.minor() < to.minor();
    }

    private static int wave(List<String> waves, String environment) {
        return waves.isEmpty() ? 0 : waves.indexOf(environment);
    }

    private UpgradeTarget plan(Pending p, TemplateVersion to) {
        try (Provider provider = providers.open(p.environment().provider())) {
            Map<String, String> bound = p.target().isInstance()
                    ? LiveOutputs.strings(new LiveOutputs(store, builder).read(p.environment(), provider)) : null;
            StackBuilder.Built built = builder.build(p.target(), p.environment().provider(), to, p.inputs(), p.components(),
                    bound);
            List<String> changes = new ArrayList<>();
            for (Change c : new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults()).plan(built.stack())
                    .changes()) {
                if (c.action() != Action.NOOP) {
                    changes.add(c.action().word() + " " + c.particle());
                }
            }
            return new UpgradeTarget(p.target(), p.wave(), p.from(), to.version(), changes, null);
        } catch (PlatformException e) {
            return new UpgradeTarget(p.target(), p.wave(), p.from(), to.version(), List.of(), e.getMessage());
        }
    }
}

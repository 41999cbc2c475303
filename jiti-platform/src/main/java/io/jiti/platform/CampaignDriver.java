package io.jiti.platform;

import io.jiti.platform.deploy.ProviderSource;
import io.jiti.platform.deploy.TargetHealth;
import io.jiti.platform.model.Campaign;
import io.jiti.platform.model.CampaignItem;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * Carries running campaigns forward, one step per tick, from what the rows say (so a restarted server
 * carries on): in the current wave, starts pending targets up to the campaign's parallelism (pinning each to
 * the new version and queueing its deployment), moves deployed ones to settling, settled ones to done when
 * every particle of their stack is ready; a failed deployment or an unhealthy target stops the campaign and
 * rolls the failed targets back; a finished wave opens the next.
 */
final class CampaignDriver implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CampaignDriver.class.getName());
    private final Store store;
    private final AuditLog audit;
    private final Clock clock;
    private final Deployments deployments;
    private final ProviderSource providers;
    private final Ticker ticker = new Ticker("jiti-campaigns", 500, this::tick);

    CampaignDriver(Store store, Clock clock, AuditLog audit, Deployments deployments, ProviderSource providers) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.deployments = deployments;
        this.providers = providers;
    }

    void start() {
        ticker.start();
    }

    void wake() {
        ticker.wake();
    }

    /** One step of every running campaign. */
    void tick() {
        for (Campaign c : store.campaigns(true, 100)) {
            step(c);
        }
    }

    private void step(Campaign c) {
        List<CampaignItem> wave = c.items().stream().filter(i -> i.wave() == c.wave()).toList();
        boolean failed = false;
        for (CampaignItem i : wave) {
            if (i.status().equals("deploying")) {
                Deployment d = store.deployment(i.deployment()).orElseThrow();
                if (d.status() == DeploymentStatus.SUCCEEDED) {
                    store.updateCampaignItem(c.id(), i.target(), i.deployment(), "settling",
                            clock.instant().plus(c.settle()), "deployed; settling for " + c.settle().toSeconds() + " s");
                } else if (d.status().ended()) {
                    store.updateCampaignItem(c.id(), i.target(), i.deployment(), "failed", null, "deployment "
                            + d.id() + " " + d.status().word() + ": " + d.message());
                    failed = true;
                }
            } else if (i.status().equals("settling") && !clock.instant().isBefore(i.settleAt())) {
                String unhealthy = unhealthy(i);
                if (unhealthy == null) {
                    store.updateCampaignItem(c.id(), i.target(), i.deployment(), "done", null, "upgraded and healthy");
                } else {
                    store.updateCampaignItem(c.id(), i.target(), i.deployment(), "failed", null, unhealthy);
                    failed = true;
                }
            } else if (i.status().equals("failed")) {
                failed = true;
            }
        }
        if (failed) {
            stop(c);
            return;
        }
        Campaign now = store.campaign(c.id()).orElseThrow();
        List<CampaignItem> current = now.items().stream().filter(i -> i.wave() == now.wave()).toList();
        long busy = current.stream().filter(i -> i.status().equals("deploying") || i.status().equals("settling")).count();
        for (CampaignItem i : current) {
            if (busy >= now.parallel()) {
                break;
            }
            if (i.status().equals("pending")) {
                deploy(now, i);
                busy++;
            }
        }
        if (current.stream().allMatch(i -> i.status().equals("done"))) {
            int last = now.items().stream().mapToInt(CampaignItem::wave).max().orElse(0);
            if (now.wave() >= last) {
                store.updateCampaign(now.id(), "succeeded", now.wave(), "every target upgraded to " + now.template() + "@"
                        + now.version() + " and healthy", clock.instant());
            } else {
                store.updateCampaign(now.id(), "running", nextWave(now), "wave " + (nextWave(now) + 1) + " starting", null);
                wake();
            }
        }
    }

    private static int nextWave(Campaign c) {
        return c.items().stream().mapToInt(CampaignItem::wave).filter(w -> w > c.wave()).min().orElse(c.wave());
    }

    private void deploy(Campaign c, CampaignItem i) {
        TemplateVersion to = store.template(c.template(), c.version()).orElseThrow();
        Deployment d = store.transaction(tx -> {
            Pins.Running base = Pins.current(tx, i.target());
            Pins.pin(tx, i.target(), to.version(), base.inputs(), base.components());
            Deployment q = deployments.queue(tx, i.target(), to.name(), to.version(), base.inputs(), base.components(),
                    "upgrade", c.createdBy(), Deployments.currentCommit(tx, i.target()));
            tx.updateCampaignItem(c.id(), i.target(), q.id(), "deploying", null, "deployment " + q.id());
            audit.record(tx, c.createdBy(), "campaign.deploy", i.target().toString(), "ok", "campaign " + c.id() + ": "
                    + to.id() + ", deployment " + q.id());
            return q;
        });
        LOG.fine(() -> "campaign " + c.id() + ": " + i.target() + " deploys as " + d.id());
        deployments.wake();
    }

    /** Why the target is not healthy, or null: every particle of its stack must be ready. */
    private String unhealthy(CampaignItem i) {
        Environment env = store.environment(i.target().environment()).orElseThrow();
        return new TargetHealth(providers).problem(i.target(), env).orElse(null);
    }

    /** Stops a campaign after a failure: the failed targets go back to their last succeeded deployment. */
    private void stop(Campaign c) {
        Campaign now = store.campaign(c.id()).orElseThrow();
        List<CampaignItem> failed = now.items().stream().filter(i -> i.status().equals("failed")).toList();
        StringBuilder back = new StringBuilder();
        for (CampaignItem i : failed) {
            store.transaction(tx -> {
                var good = tx.lastSucceeded(i.target(), i.deployment());
                if (good.isEmpty()) {
                    tx.updateCampaignItem(c.id(), i.target(), i.deployment(), "failed", null, i.message()
                            + "; nothing to roll back to");
                    return null;
                }
                Pins.pin(tx, i.target(), good.get());
                Deployment q = deployments.queue(tx, i.target(), good.get().template(), good.get().version(),
                        good.get().inputs(), good.get().components(), "rollback", now.createdBy(), good.get().commit());
                audit.record(tx, now.createdBy(), "campaign.rollback", i.target().toString(), "ok", "campaign " + c.id()
                        + " stopped: back to " + good.get().template() + "@" + good.get().version() + ", deployment " + q.id());
                tx.updateCampaignItem(c.id(), i.target(), q.id(), "rolled-back", null, i.message()
                        + "; rolled back to " + good.get().template() + "@" + good.get().version() + " (deployment "
                        + q.id() + ")");
                back.append(back.length() == 0 ? "" : ", ").append(i.target());
                return null;
            });
        }
        store.updateCampaign(c.id(), "failed", now.wave(), "stopped in wave " + (now.wave() + 1) + ": "
                + failed.stream().map(i -> i.target() + " (" + i.message() + ")").reduce((a, b) -> a + "; " + b).orElse("")
                + (back.length() == 0 ? "" : "; rolled back " + back), clock.instant());
        deployments.wake();
    }

    @Override
    public void close() {
        ticker.close();
    }
}

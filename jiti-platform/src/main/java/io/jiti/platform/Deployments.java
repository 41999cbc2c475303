package io.jiti.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Page;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Target;
import io.jiti.platform.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deployment records: queued for the worker, listed, shown; a failed or cancelled one retried, a queued or
 * running one cancelled, a target rolled back to its last succeeded deployment. Nothing stays "in progress":
 * every state has a way out.
 */
public final class Deployments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Runnable wake;

    Deployments(Store store, Clock clock, AuditLog audit, Runnable wake) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.wake = wake;
    }

    /** Queues a deployment of {@code target} in {@code tx}; the worker is woken by {@link #wake()} after commit. */
    Deployment queue(Store tx, Target target, String template, BlueprintVersion version, Map<String, Object> inputs,
            JsonNode components, String cause, String by) {
        return queue(tx, target, template, version, inputs, components, cause, by, null);
    }

    /** {@link #queue} of a source's {@code commit} (null: the template alone). */
    Deployment queue(Store tx, Target target, String template, BlueprintVersion version, Map<String, Object> inputs,
            JsonNode components, String cause, String by, String commit) {
        JsonNode comps = components == null ? JSON.createArrayNode() : components;
        String hash = hash(template, version, inputs, comps);
        return tx.insertDeployment(new Deployment(0, target, template, version, inputs, comps,
                commit == null ? hash : hash(template, version, Map.of("commit", commit), comps), cause, by,
                DeploymentStatus.QUEUED, clock.instant(), null, null, "", "", "queued", commit));
    }

    /** The source commit {@code target} runs (its last succeeded deployment's), or null: what an update keeps. */
    static String currentCommit(Store tx, Target target) {
        return tx.lastSucceeded(target, 0).map(Deployment::commit).orElse(null);
    }

    /** Tells the worker to look at the queue. */
    void wake() {
        wake.run();
    }

    /** Deployments, newest first, of {@code target} (null: all); {@code before} is a previous page's cursor. */
    public Page<Deployment> list(Caller caller, Target target, long before, int limit) {
        int n = Access.limit(limit);
        List<Deployment> items = store.deployments(target, before, n + 1);
        return Page.cut(items, n, x -> Long.toString(x.id()));
    }

    /** One deployment. */
    public Deployment show(Caller caller, long id) {
        return get(id);
    }

    /** Queues a new deployment with what a failed or cancelled one asked for. */
    public Deployment retry(Caller caller, long id) {
        Deployment d = get(id);
        return audit.guarded(caller, "deployment.retry", d.target().toString(), () -> {
            requireDeployer(caller, d.target(), "retry deployments");
            if (d.status() != DeploymentStatus.FAILED && d.status() != DeploymentStatus.CANCELLED) {
                throw PlatformException.conflict("id", "deployment " + id + " is " + d.status().word()
                        + "; only a failed or cancelled deployment is retried");
            }
            Deployment next = store.transaction(tx -> {
                Deployment q = queue(tx, d.target(), d.template(), d.version(), d.inputs(), d.components(),
                        d.deletes() ? Deployment.DELETE : "retry", caller.user(), d.commit());
                audit.record(tx, caller.user(), "deployment.retry", d.target().toString(), "ok", "deployment " + q.id()
                        + " retries " + id);
                return q;
            });
            wake();
            return next;
        });
    }

    /** Cancels a queued deployment at once, a running one as soon as it can stop. */
    public Deployment cancel(Caller caller, long id) {
        Deployment d = get(id);
        return audit.guarded(caller, "deployment.cancel", d.target().toString(), () -> {
            requireDeployer(caller, d.target(), "cancel deployments");
            if (d.status().ended()) {
                throw PlatformException.conflict("id", "deployment " + id + " has ended (" + d.status().word() + ")");
            }
            return store.transaction(tx -> {
                tx.requestCancel(id);
                if (d.status() == DeploymentStatus.QUEUED) {
                    tx.finish(id, DeploymentStatus.CANCELLED, "cancelled by " + caller.user() + " before it ran",
                            clock.instant());
                }
                audit.record(tx, caller.user(), "deployment.cancel", d.target().toString(), "ok", "deployment " + id);
                return tx.deployment(id).orElseThrow();
            });
        });
    }

    /**
     * Deploys again what the last succeeded deployment of {@code target} deployed (before the newest one), and
     * pins the target to it: an instance or template version rollback.
     */
    public Deployment rollback(Caller caller, Target target) {
        return audit.guarded(caller, "deployment.rollback", target.toString(), () -> {
            requireDeployer(caller, target, "roll back");
            boolean exists = target.isInstance() ? store.instance(target.service(), target.environment()).isPresent()
                    : store.environment(target.environment()).isPresent();
            if (!exists) {
                throw PlatformException.notFound("target", target + " no longer exists (it was deleted)");
            }
            Deployment latest = store.latest(target).orElseThrow(() -> PlatformException.notFound("target",
                    target + " has no deployments"));
            long before = latest.status() == DeploymentStatus.SUCCEEDED ? latest.id() : 0;
            Deployment good = store.lastSucceeded(target, before).orElseThrow(() -> PlatformException.conflict("target",
                    target + " has no earlier succeeded deployment to roll back to"));
            Deployment next = store.transaction(tx -> {
                Pins.pin(tx, target, good);
                Deployment q = queue(tx, target, good.template(), good.version(), good.inputs(), good.components(),
                        "rollback", caller.user(), good.commit());
                audit.record(tx, caller.user(), "deployment.rollback", target.toString(), "ok", "deployment " + q.id()
                        + " returns to " + good.template() + "@" + good.version() + " of deployment " + good.id());
                return q;
            });
            wake();
            return next;
        });
    }

    private Deployment get(long id) {
        return store.deployment(id).orElseThrow(() -> PlatformException.notFound("id", "no deployment " + id));
    }

    /** Environments: admins. Instances: admins and developers of the service's team. */
    private void requireDeployer(Caller caller, Target target, String what) {
        if (!target.isInstance()) {
            Access.requireAdmin(caller, what + " of environments");
            return;
        }
        Service s = store.service(target.service()).orElseThrow(() -> PlatformException.notFound("target",
                "no service " + target.service()));
        Access.requireOwner(caller, s, what);
    }

    /** A hash of what a deployment deploys: equal hashes, equal deployments. */
    static String hash(String template, BlueprintVersion version, Map<String, Object> inputs, JsonNode components) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((template + "@" + version + "\n").getBytes(StandardCharsets.UTF_8));
            md.update(JSON.writeValueAsBytes(new TreeMap<>(inputs)));
            md.update(JSON.writeValueAsBytes(components));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.jiti.platform;

import io.jiti.gitops.BranchMap;
import io.jiti.gitops.GitException;
import io.jiti.gitops.GitSources;
import io.jiti.gitops.RemoteUrl;
import io.jiti.gitops.RevertOutcome;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Page;
import io.jiti.platform.model.Release;
import io.jiti.platform.model.ReleaseStatus;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Source;
import io.jiti.platform.model.Stage;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Numbered releases of a service's source in each environment: made by a push, a poll, a promotion or by hand;
 * held for an approval where the pipeline says so; rolled back to an earlier one, which also pushes a revert
 * commit so the branch again describes what runs, and quarantines the commits rolled back.
 */
public final class Releases {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Deployments deployments;
    private final GitSources git;

    Releases(Store store, Clock clock, AuditLog audit, Deployments deployments, GitSources git) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.deployments = deployments;
        this.git = git;
    }

    /** Releases of {@code service} (in {@code environment}, or every one when null), newest first. */
    public Page<Release> list(Caller caller, String service, String environment, long before, int limit) {
        service(service);
        int n = Access.limit(limit);
        return Page.cut(store.delivery().releases(service, environment, before, n + 1), n, r -> Long.toString(r.id()));
    }

    /** Release {@code number} of {@code service} in {@code environment}. */
    public Release show(Caller caller, String service, String environment, int number) {
        return store.delivery().release(service, environment, number).orElseThrow(() -> PlatformException.notFound(
                "release", "service " + Names.abbreviate(service) + " has no release v" + number + " in "
                        + Names.abbreviate(environment)));
    }

    /** Deploys {@code ref} (a commit, or a branch of the source) to {@code environment} as a new release. */
    public Release deploy(Caller caller, String service, String environment, String ref) {
        Names.check("environment", environment);
        return audit.guarded(caller, "release.create", "instance/" + service + "/" + environment, () -> {
            Service s = service(service);
            Access.requireOwner(caller, s, "deploy releases");
            Instance i = instance(service, environment);
            Source src = source(service);
            String commit = resolve(src, ref);
            Release r = store.transaction(tx -> create(tx, s, i, commit, SHA.matcher(ref).matches() ? null : ref,
                    "manual", caller.user()));
            deployments.wake();
            return r;
        });
    }

    /**
     * Makes a release of {@code commit} for instance {@code i} in {@code tx}: waiting for an approval when its
     * environment's pipeline stage asks for one (not for a rollback), else with its deployment queued.
     */
    Release create(Store tx, Service s, Instance i, String commit, String branch, String trigger, String by) {
        Optional<Stage> gate = trigger.endsWith("rollback") ? Optional.empty() : gate(tx, s.name(), i.environment());
        Release base = new Release(0, s.name(), i.environment(), 0, commit, branch, "", i.version(), trigger, by, null,
                ReleaseStatus.DEPLOYING, "", "", null, null, null, clock.instant(), clock.instant());
        Release r;
        if (gate.isPresent()) {
            Stage g = gate.get();
            r = tx.delivery().insertRelease(new Release(0, base.service(), base.environment(), 0, commit, branch, "",
                    base.version(), trigger, by, null, ReleaseStatus.AWAITING_APPROVAL, "waits for an approval by "
                    + approvers(g) + (g.fourEyes() ? " other than " + by : ""), "", null, clock.instant().plus(g.approvalTtl()),
                    null, base.created(), base.updated()));
        } else {
            Deployment q = deployments.queue(tx, i.target(), s.template(), i.version(), i.inputs(), i.components(),
                    "release", by, commit);
            r = tx.delivery().insertRelease(new Release(0, base.service(), base.environment(), 0, commit, branch, "",
                    base.version(), trigger, by, q.id(), ReleaseStatus.DEPLOYING, "", "", null, null, null, base.created(),
                    base.updated()));
        }
        audit.record(tx, by, "release.create", i.target().toString(), "ok", r.label() + " of " + r.shortCommit() + " ("
                + trigger + (r.status() == ReleaseStatus.AWAITING_APPROVAL ? ", awaiting approval" : ", deployment "
                + r.deployment()) + ")");
        return r;
    }

    /** Queues the deployment of an approved release. */
    void startApproved(Store tx, Release r, String by) {
        Service s = service(r.service());
        Instance i = tx.instance(r.service(), r.environment()).orElseThrow(() -> PlatformException.conflict("release",
                "service " + r.service() + " has no instance in " + r.environment() + " any more"));
        Deployment q = deployments.queue(tx, i.target(), s.template(), i.version(), i.inputs(), i.components(), "release",
                by, r.commit());
        tx.delivery().updateRelease(r.id(), ReleaseStatus.DEPLOYING, "approved by " + by, null, by, q.id(),
                clock.instant());
    }

    /**
     * Rolls {@code environment} back to release {@code to} (null: the newest earlier one that went live): its
     * exact commit and config deploy as a new release; the releases after it are marked rolled back and their
     * commits quarantined; a revert commit is pushed to the branch they came from (when the push is refused,
     * the release says how to fix git).
     */
    public Release rollback(Caller caller, String service, String environment, Integer to) {
        Names.check("environment", environment);
        return audit.guarded(caller, "release.rollback", "instance/" + service + "/" + environment, () -> {
            Service s = service(service);
            Access.requireOwner(caller, s, "roll back releases");
            return rollback(s, environment, to, "rollback", caller.user(), "rolled back by " + caller.user());
        });
    }

    /** The rollback itself, for a person or for the health gate ({@code trigger} {@code auto-rollback}). */
    Release rollback(Service s, String environment, Integer to, String trigger, String by, String why) {
        Instance i = instance(s.name(), environment);
        List<Release> recent = store.delivery().releases(s.name(), environment, 0, Access.MAX_PAGE);
        if (recent.isEmpty()) {
            throw PlatformException.conflict("environment", "service " + s.name() + " has no releases in " + environment);
        }
        Release current = recent.get(0);
        Release good = to != null ? show(null, s.name(), environment, to)
                : recent.stream().skip(1).filter(r -> wentLive(r) && !r.commit().equals(current.commit())).findFirst()
                        .orElseThrow(() -> PlatformException.conflict("release", "no earlier release of " + s.name()
                                + " in " + environment + " went live; nothing to roll back to"));
        boolean deployed = good.deployment() != null && store.deployment(good.deployment()).map(Releases::succeeded)
                .orElse(false);
        if (!deployed) {
            throw PlatformException.conflict("release", good.label() + " was never deployed successfully ("
                    + good.status().word() + "); roll back to one that was");
        }
        List<Release> undone = recent.stream().filter(r -> r.number() > good.number() && !r.status().equals(
                ReleaseStatus.ROLLED_BACK) && !r.commit().equals(good.commit())).toList();
        Release made = store.transaction(tx -> {
            for (Release r : undone) {
                tx.delivery().updateRelease(r.id(), ReleaseStatus.ROLLED_BACK, why + " (back to " + good.label() + ")",
                        null, null, null, clock.instant());
                tx.delivery().quarantine(s.name(), r.commit(), r.label() + " in " + environment + " " + why,
                        clock.instant());
            }
            Pins.pin(tx, i.target(), good.version(), i.inputs(), i.components());
            Release r = create(tx, s, new Instance(i.service(), i.environment(), good.version(), i.inputs(),
                    i.components(), i.created()), good.commit(), null, trigger, by);
            audit.record(tx, by, "release." + trigger, i.target().toString(), "ok", r.label() + " returns to "
                    + good.label() + " (" + good.shortCommit() + "); quarantined " + undone.stream()
                    .map(Release::shortCommit).distinct().toList() + ": " + why);
            return r;
        });
        deployments.wake();
        store.delivery().setGit(made.id(), revert(s.name(), environment, good, undone));
        return store.delivery().release(made.id()).orElseThrow();
    }

    /** Pushes the revert commit; answers what the release should say about git. */
    private String revert(String service, String environment, Release good, List<Release> undone) {
        Source src = store.delivery().source(service).orElse(null);
        if (src == null || undone.isEmpty()) {
            return "";
        }
        String branch = undone.stream().map(Release::branch).filter(b -> b != null).findFirst()
                .orElse(BranchMap.of(src.branches()).branchOf(environment).orElse(null));
        if (branch == null) {
            return "git not changed: no branch maps to " + environment;
        }
        String head = store.delivery().branchHead(service, branch).orElse(undone.get(0).commit());
        String message = "Roll back " + environment + " to " + good.label() + " (" + good.shortCommit() + ")\n\n"
                + "jiti rolled " + environment + " back; this commit restores the files of " + good.commit()
                + "\nand undoes " + String.join(", ", undone.stream().map(Release::commit).distinct().toList()) + ".\n";
        try {
            RevertOutcome out = git.revert(new RemoteUrl(src.url()), branch, good.commit(), head,
                    new PersonIdent("jiti", "jiti@localhost", clock.instant(), java.time.ZoneOffset.UTC), message);
            if (out.pushed()) {
                store.delivery().setBranchHead(service, branch, out.commit(), clock.instant());
                return "reverted on " + branch + ": " + out.commit().substring(0, 12);
            }
            return "git must be fixed: " + out.reason().orElse("the push was refused");
        } catch (GitException e) {
            return "git must be fixed: " + e.getMessage() + "; push a commit to " + branch + " with the files of "
                    + good.commit();
        }
    }

    private static boolean wentLive(Release r) {
        return r.status() == ReleaseStatus.LIVE || r.status() == ReleaseStatus.SUPERSEDED;
    }

    private Optional<Stage> gate(Store tx, String service, String environment) {
        return tx.delivery().pipeline(service).flatMap(p -> p.stageOf(environment).map(n -> p.stages().get(n)))
                .filter(Stage::approval);
    }

    static String approvers(Stage g) {
        return g.approverTeam() != null ? "a member of team " + g.approverTeam()
                : "a" + (g.approverRole() == null ? "n admin" : (g.approverRole().equals("admin") ? "n " : " ")
                + g.approverRole());
    }

    private String resolve(Source src, String ref) {
        if (ref == null || ref.isBlank()) {
            throw PlatformException.badInput("ref", "a commit (40 hex digits) or a branch of the source");
        }
        if (SHA.matcher(ref).matches()) {
            return ref;
        }
        try {
            String commit = git.branches(new RemoteUrl(src.url())).get(ref);
            if (commit == null) {
                throw PlatformException.notFound("ref", "the source has no branch " + Names.abbreviate(ref));
            }
            return commit;
        } catch (GitException e) {
            throw PlatformException.conflict("ref", "cannot read the source's branches: " + e.getMessage());
        }
    }

    private Service service(String service) {
        return store.service(service).orElseThrow(() -> PlatformException.notFound("service",
                "no service " + Names.abbreviate(service)));
    }

    private Instance instance(String service, String environment) {
        return store.instance(service, environment).orElseThrow(() -> PlatformException.notFound("environment",
                "service " + Names.abbreviate(service) + " has no instance in " + Names.abbreviate(environment)
                        + " (create it: jiti instance create " + service + " " + environment + ")"));
    }

    private Source source(String service) {
        return store.delivery().source(service).orElseThrow(() -> PlatformException.conflict("service",
                "service " + Names.abbreviate(service) + " has no source (set one: jiti source set)"));
    }

    /** Whether {@code d} (a release's deployment) ended well. */
    static boolean succeeded(Deployment d) {
        return d.status() == DeploymentStatus.SUCCEEDED;
    }
}

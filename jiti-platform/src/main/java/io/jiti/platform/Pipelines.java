package io.jiti.platform;

import io.jiti.platform.model.Pipeline;
import io.jiti.platform.model.Release;
import io.jiti.platform.model.ReleaseStatus;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Stage;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Services' pipelines (set by admins: the gates are the platform team's to say) and the approvals their
 * stages ask for: only the stage's approver role or team may approve or reject a waiting release, and with
 * four eyes not whoever pushed or triggered it.
 */
public final class Pipelines {
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Releases releases;
    private final Runnable wake;

    Pipelines(Store store, Clock clock, AuditLog audit, Releases releases, Runnable wake) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.releases = releases;
        this.wake = wake;
    }

    /** Sets the pipeline of {@code service}: stages in order, every environment in one stage at most. */
    public Pipeline set(Caller caller, String service, List<Stage> stages) {
        Names.check("service", service);
        return audit.guarded(caller, "pipeline.set", "service/" + service, () -> {
            Access.requireAdmin(caller, "set pipelines");
            service(service);
            check(stages);
            Pipeline p = new Pipeline(service, stages);
            store.transaction(tx -> {
                tx.delivery().upsertPipeline(p, clock.instant());
                audit.record(tx, caller.user(), "pipeline.set", "service/" + service, "ok", stages.stream()
                        .map(s -> s.name() + (s.approval() ? " (approval)" : "")).toList().toString());
                return null;
            });
            return p;
        });
    }

    /** The pipeline of {@code service}, if it has one. */
    public Optional<Pipeline> get(Caller caller, String service) {
        service(service);
        return store.delivery().pipeline(service);
    }

    /** Approves a waiting release: its deployment is queued. */
    public Release approve(Caller caller, String service, int number, String environment) {
        return decide(caller, service, number, environment, true);
    }

    /** Rejects a waiting release: it never deploys. */
    public Release reject(Caller caller, String service, int number, String environment) {
        return decide(caller, service, number, environment, false);
    }

    private Release decide(Caller caller, String service, int number, String environment, boolean approve) {
        String action = approve ? "release.approve" : "release.reject";
        return audit.guarded(caller, action, "service/" + service, () -> {
            Release r = waiting(service, number, environment);
            Stage stage = store.delivery().pipeline(service).flatMap(p -> p.stageOf(r.environment())
                    .map(i -> p.stages().get(i))).filter(Stage::approval).orElseThrow(() -> PlatformException.conflict(
                            "release", r.label() + " in " + r.environment() + " needs no approval any more"));
            requireApprover(caller, stage, r);
            store.transaction(tx -> {
                if (approve) {
                    releases.startApproved(tx, r, caller.user());
                } else {
                    tx.delivery().updateRelease(r.id(), ReleaseStatus.REJECTED, "rejected by " + caller.user(), null,
                            caller.user(), null, clock.instant());
                }
                audit.record(tx, caller.user(), action, r.target().toString(), "ok", r.label() + " of " + r.shortCommit());
                return null;
            });
            wake.run();
            return store.delivery().release(r.id()).orElseThrow();
        });
    }

    private Release waiting(String service, int number, String environment) {
        service(service);
        List<Release> found = store.delivery().releases(service, environment, 0, 200).stream()
                .filter(r -> r.number() == number && r.status() == ReleaseStatus.AWAITING_APPROVAL).toList();
        if (found.isEmpty()) {
            throw PlatformException.notFound("release", "service " + Names.abbreviate(service) + " has no release v"
                    + number + " awaiting approval" + (environment == null ? "" : " in " + Names.abbreviate(environment)));
        }
        if (found.size() > 1) {
            throw PlatformException.badInput("environment", "v" + number + " awaits approval in "
                    + found.stream().map(Release::environment).toList() + "; name the environment");
        }
        return found.get(0);
    }

    private void requireApprover(Caller caller, Stage stage, Release r) {
        boolean allowed = stage.approverTeam() != null
                ? stage.approverTeam().equals(caller.team()) && caller.role() != Role.VIEWER
                : caller.admin() || stage.approverRole() != null && stage.approverRole().equals(caller.role().word());
        if (!allowed) {
            throw PlatformException.forbidden("only " + Releases.approvers(stage) + " may approve or reject releases to "
                    + r.environment() + " (you are " + caller.user() + ", " + caller.role().word()
                    + (caller.team() == null ? "" : " of team " + caller.team()) + ")");
        }
        if (stage.fourEyes() && originators(r).contains(caller.user())) {
            throw PlatformException.forbidden("four eyes: " + caller.user() + " pushed or triggered " + r.label()
                    + " of " + r.shortCommit() + "; someone else must approve it");
        }
    }

    /** Who pushed or triggered {@code r}'s commit: every release of it names them. */
    private Set<String> originators(Release r) {
        Set<String> out = new HashSet<>();
        for (Release x : store.delivery().releases(r.service(), null, 0, 200)) {
            if (x.commit().equals(r.commit())) {
                String by = x.triggeredBy();
                out.add(by.contains(":") ? by.substring(by.indexOf(':') + 1) : by);
            }
        }
        return out;
    }

    private static void check(List<Stage> stages) {
        if (stages == null || stages.isEmpty()) {
            throw PlatformException.badInput("stages", "at least one stage");
        }
        Set<String> seen = new HashSet<>();
        for (Stage s : stages) {
            Names.check("stages", s.name());
            if (s.environments().isEmpty()) {
                throw PlatformException.badInput("stages", "stage " + s.name() + " has no environments");
            }
            for (String e : s.environments()) {
                Names.check("stages", e);
                if (!seen.add(e)) {
                    throw PlatformException.badInput("stages", "environment " + e + " is in two stages");
                }
            }
            if (s.approverRole() != null && !List.of("admin", "developer").contains(s.approverRole())) {
                throw PlatformException.badInput("stages", "approverRole is admin or developer");
            }
            if (s.approval() && (s.approvalTtl().isNegative() || s.approvalTtl().compareTo(Duration.ofDays(30)) > 0
                    || s.approvalTtl().isZero())) {
                throw PlatformException.badInput("stages", "approval expiry is 1 s to 30 days");
            }
        }
    }

    private Service service(String service) {
        return store.service(service).orElseThrow(() -> PlatformException.notFound("service",
                "no service " + Names.abbreviate(service)));
    }
}

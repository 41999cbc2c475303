package io.jiti.platform.deploy;

import io.jiti.api.JitiException;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.ParticleResult;
import io.jiti.engine.Reconciler;
import io.jiti.plan.Plan;
import io.jiti.platform.PlatformException;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.DeploymentStatus;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.store.Store;
import io.jiti.spi.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs one deployment through the core Reconciler on its environment's provider: builds the stack (an
 * instance bound to its environment's live outputs), asks the guardrails, records the plan, applies it and
 * ends the row. Running it again converges (the engine is idempotent), which is how a restarted server resumes.
 */
public final class DeploymentRunner {
    private final Store store;
    private final ProviderSource providers;
    private final StackBuilder builder;
    private final Guardrail guardrail;
    private final SourceBuilds sources;
    private final Clock clock;

    /**
     * @param store     the rows
     * @param providers where targets run
     * @param builder   builds their stacks
     * @param guardrail judges each planned stack before anything changes
     * @param sources   prepares deployments of a source commit (files, decrypted config)
     * @param clock     the time
     */
    public DeploymentRunner(Store store, ProviderSource providers, StackBuilder builder, Guardrail guardrail,
                            SourceBuilds sources, Clock clock) {
        this.store = store;
        this.providers = providers;
        this.builder = builder;
        this.guardrail = guardrail;
        this.sources = sources;
        this.clock = clock;
    }

    /** Runs {@code d} (claimed: status running) to its end. */
    public void run(Deployment d) {
        DeploymentLog log = new DeploymentLog(store, d.id(), clock);
        log.line("deployment " + d.id() + " of " + d.target() + ": " + d.template() + "@" + d.version() + " (" + d.cause()
                + ", by " + d.requestedBy() + ")");
        try {
            Environment env = store.environment(d.target().environment()).orElseThrow(() -> PlatformException.notFound(
                    "target", "environment " + d.target().environment() + " no longer exists"));
            TemplateVersion version = store.template(d.template(), d.version()).orElseThrow(() ->
                    PlatformException.notFound("template", "template " + d.template() + "@" + d.version() + " is gone"));
            SourceBuilds.Prepared source = d.fromSource() && !d.deletes() ? prepare(d, log) : null;
            try (Provider provider = source == null ? providers.open(env.provider())
                    : providers.open(env.provider(), source.supplied())) {
                if (d.deletes()) {
                    delete(d, provider, log);
                    return;
                }
                Map<String, String> bound = d.target().isInstance()
                        ? LiveOutputs.strings(new LiveOutputs(store, builder).read(env, provider)) : null;
                StackBuilder.Built built = source == null
                        ? builder.build(d.target(), env.provider(), version, d.inputs(), d.components(), bound)
                        : builder.buildSource(d.target(), env.provider(), version, source, bound);
                Files.createDirectories(built.stack().baseDir()); // where its processes run until it has a source
                Reconciler reconciler = new Reconciler(provider, log, ApplyOptions.defaults());
                Plan plan = reconciler.plan(built.stack());
                store.setPlan(d.id(), PlanText.of(plan));
                List<Guardrail.Verdict> verdicts = guardrail.judge(d, env, version, built.stack());
                verdicts.stream().filter(v -> !v.deny()).forEach(v -> log.line("policy " + v.policy() + " warns: "
                        + v.message()));
                List<Guardrail.Verdict> denials = verdicts.stream().filter(Guardrail.Verdict::deny).toList();
                if (!denials.isEmpty()) {
                    String why = denials.stream().map(v -> v.policy() + ": " + v.message()).collect(Collectors.joining("; "));
                    log.line("refused by policy: " + why);
                    store.appendAudit(new io.jiti.platform.model.AuditEntry(0, clock.instant(), d.requestedBy(),
                            "deployment.run", d.target().toString(), "denied", "deployment " + d.id() + " refused by policy "
                            + why));
                    end(d, DeploymentStatus.FAILED, "refused by policy " + why);
                    return;
                }
                if (store.cancelRequested(d.id())) {
                    end(d, DeploymentStatus.CANCELLED, "cancelled before it changed anything");
                    return;
                }
                ApplyReport report = reconciler.apply(built.stack());
                if (store.cancelRequested(d.id())) {
                    end(d, DeploymentStatus.CANCELLED, "cancelled; what it had applied stays (retry it or roll back)");
                } else if (report.ok()) {
                    end(d, DeploymentStatus.SUCCEEDED, report.results().isEmpty() ? "up to date"
                            : report.results().size() + " change(s) applied");
                } else {
                    end(d, DeploymentStatus.FAILED, report.problems().size() + " particle(s) did not converge: "
                            + report.problems().stream().map(DeploymentRunner::describe).collect(Collectors.joining("; ")));
                }
            }
        } catch (IOException e) {
            log.line("failed: " + e.getMessage());
            end(d, DeploymentStatus.FAILED, "cannot prepare the stack's directory: " + e.getMessage());
        } catch (JitiException e) {
            log.line("failed: " + e.getMessage());
            end(d, DeploymentStatus.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            log.line("failed: " + e);
            end(d, DeploymentStatus.FAILED, "internal error: " + e.getClass().getSimpleName());
            throw e;
        }
    }

    /** The commit's files and config, its config file's hash recorded on the release (never a value). */
    private SourceBuilds.Prepared prepare(Deployment d, DeploymentLog log) {
        log.line("commit " + d.commit() + ": fetching and decrypting config/" + d.target().environment() + ".yaml");
        SourceBuilds.Prepared p = sources.prepare(d);
        store.delivery().releaseOfDeployment(d.id()).ifPresent(r -> store.delivery().setConfigHash(r.id(),
                p.configHash()));
        log.line(p.keys().isEmpty() ? "no config for " + d.target().environment()
                : "config: " + p.keys().size() + " variable(s): " + String.join(", ", p.keys()));
        return p;
    }

    /** Destroys the target's whole stack (protected particles too: deleting was asked), then removes its row. */
    private void delete(Deployment d, Provider provider, DeploymentLog log) {
        String stack = d.target().stack();
        ApplyOptions defaults = ApplyOptions.defaults();
        Reconciler reconciler = new Reconciler(provider, log, new ApplyOptions(true, defaults.concurrency(),
                defaults.operationTimeout()));
        store.setPlan(d.id(), PlanText.of(reconciler.plan(new Stack(stack, provider.id(), List.of(), null, "<delete>"))));
        if (store.cancelRequested(d.id())) {
            end(d, DeploymentStatus.CANCELLED, "cancelled before it changed anything");
            return;
        }
        ApplyReport report = reconciler.destroy(stack);
        if (!report.ok()) {
            end(d, DeploymentStatus.FAILED, report.problems().size() + " particle(s) could not be destroyed: "
                    + report.problems().stream().map(DeploymentRunner::describe).collect(Collectors.joining("; ")));
            return;
        }
        String message = "deleted " + d.target() + " (" + report.results().size() + " particle(s) destroyed)";
        store.transaction(tx -> {
            if (d.target().isInstance()) {
                tx.deleteInstance(d.target().service(), d.target().environment());
            } else {
                tx.deleteEnvironment(d.target().environment());
            }
            tx.finish(d.id(), DeploymentStatus.SUCCEEDED, message, clock.instant());
            return null;
        });
        log.line(DeploymentStatus.SUCCEEDED.word() + ": " + message);
    }

    private void end(Deployment d, DeploymentStatus status, String message) {
        store.finish(d.id(), status, message, clock.instant());
        new DeploymentLog(store, d.id(), clock).line(status.word() + ": " + message);
    }

    private static String describe(ParticleResult r) {
        return r.particle() + " (" + (r instanceof ParticleResult.Failed f ? f.message()
                : ((ParticleResult.Skipped) r).reason()) + ")";
    }
}

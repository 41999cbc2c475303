package io.jiti.local.agent;

import io.jiti.api.JitiException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A service's stages before its instances run (12-factor: build, release, run): its build into a release
 * ({@link ServiceBuild}) and the release phase ({@link ReleasePhase}); and where and how its instances run.
 */
final class ServiceStages {
    private final ServiceBuild build;
    private final ReleasePhase release;
    private final Env env;
    private final Events events;

    ServiceStages(ServiceBuild build, ReleasePhase release, Env env, Events events) {
        this.build = build;
        this.release = release;
        this.env = env;
        this.events = events;
    }

    /** Whether instances of {@code rec} may start: built, with a command, released (each started when due). */
    boolean ready(ParticleRecord rec) {
        return build.built(rec) && build.command(rec) != null && released(rec);
    }

    private boolean released(ParticleRecord rec) {
        if (rec.text("build", null) == null) {
            return true;
        }
        try {
            return release.done(rec, build.workdir(rec), env.of(rec));
        } catch (JitiException e) {
            events.add(e.getMessage());
            return false;
        }
    }

    /** The command {@code rec}'s instances run. */
    String command(ParticleRecord rec) {
        return build.command(rec);
    }

    /** Where {@code rec}'s instances run. */
    Path workdir(ParticleRecord rec) {
        return build.workdir(rec);
    }

    /** A new spec is applied: a failed build or release phase is tried again. */
    void retryIfFailed() {
        build.retryIfFailed();
        release.retryIfFailed();
    }

    /** Removes old releases but the newest few and those {@code instances} run in. */
    void prune(Collection<ServiceInstance> instances) {
        build.prune(instances.stream().map(ServiceInstance::directory).filter(Objects::nonNull).collect(Collectors.toSet()));
    }

    ServiceBuild build() {
        return build;
    }

    ReleasePhase release() {
        return release;
    }
}

package io.jiti.local.agent;

import java.util.List;
import java.util.Map;

/**
 * What the agent keeps of one particle: the request it was given and what it runs for it.
 *
 * @param stack     owning stack
 * @param name      particle name
 * @param type      type id
 * @param spec      the resolved spec
 * @param specHash  the spec's hash
 * @param running   whether it should run
 * @param protect   the protect mark
 * @param dependsOn its dependencies when made
 * @param workdir   the absolute working directory for commands
 * @param lbPort    a service's stable port, or 0
 * @param instances the processes it runs
 * @param exitCode  a job's exit code once it ended, or null
 * @param rollout   a service's deploy in progress or rolled back, or null
 */
record ParticleRecord(String stack, String name, String type, Map<String, Object> spec, String specHash,
                      boolean running, boolean protect, List<String> dependsOn, String workdir, int lbPort,
                      List<InstanceRecord> instances, Integer exitCode, Rollout rollout) {

    /**
     * A service's change of spec: what to go back to, and why it went back if it did.
     *
     * @param previousSpec the spec before the deploy
     * @param previousHash its hash
     * @param startedAt    when the deploy began (epoch ms)
     * @param failure      why the deploy was rolled back, or null while it goes on
     * @param failedHash   the hash that was rolled back
     */
    record Rollout(Map<String, Object> previousSpec, String previousHash, long startedAt, String failure,
                   String failedHash) {
    }

    ParticleRecord {
        instances = instances == null ? List.of() : List.copyOf(instances);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        spec = spec == null ? Map.of() : spec;
    }

    ParticleRecord withInstances(List<InstanceRecord> value) {
        return new ParticleRecord(stack, name, type, spec, specHash, running, protect, dependsOn, workdir, lbPort,
                value, exitCode, rollout);
    }

    ParticleRecord withExitCode(Integer value) {
        return new ParticleRecord(stack, name, type, spec, specHash, running, protect, dependsOn, workdir, lbPort,
                instances, value, rollout);
    }

    ParticleRecord withRunning(boolean value) {
        return new ParticleRecord(stack, name, type, spec, specHash, value, protect, dependsOn, workdir, lbPort,
                instances, exitCode, rollout);
    }

    ParticleRecord withLbPort(int value) {
        return new ParticleRecord(stack, name, type, spec, specHash, running, protect, dependsOn, workdir, value,
                instances, exitCode, rollout);
    }

    ParticleRecord withRollout(Rollout value) {
        return new ParticleRecord(stack, name, type, spec, specHash, running, protect, dependsOn, workdir, lbPort,
                instances, exitCode, value);
    }

    /** Back to the spec before a failed deploy, remembering why. */
    ParticleRecord rolledBack(String why) {
        return new ParticleRecord(stack, name, type, rollout.previousSpec(), rollout.previousHash(), running, protect,
                dependsOn, workdir, lbPort, instances, exitCode,
                new Rollout(rollout.previousSpec(), rollout.previousHash(), rollout.startedAt(), why, specHash));
    }

    /** Whether the spec asks to be served over TLS ({@code tls: true}). */
    boolean tls() {
        return Boolean.TRUE.equals(spec.get("tls"));
    }

    /** The particle's address as clients reach it: its stable loopback port, {@code https://} with {@link #tls}. */
    String url() {
        return (tls() ? "https" : "http") + "://127.0.0.1:" + lbPort;
    }

    /** A string spec field, or the fallback. */
    String text(String field, String fallback) {
        Object v = spec.get(field);
        return v == null ? fallback : String.valueOf(v);
    }
}

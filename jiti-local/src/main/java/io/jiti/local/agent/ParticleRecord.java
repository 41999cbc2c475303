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
 */
record ParticleRecord(String stack, String name, String type, Map<String, Object> spec, String specHash,
                      boolean running, boolean protect, List<String> dependsOn, String workdir, int lbPort,
                      List<InstanceRecord> instances, Integer exitCode) {

    ParticleRecord {
        instances = instances == null ? List.of() : List.copyOf(instances);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        spec = spec == null ? Map.of() : spec;
    }

    ParticleRecord withInstances(List<InstanceRecord> value) {
        return new ParticleRecord(stack, name, type, spec, specHash, running, protect, dependsOn, workdir, lbPort,
                value, exitCode);
    }

    ParticleRecord withExitCode(Integer value) {
        return new ParticleRecord(stack, name, type, spec, specHash, running, protect, dependsOn, workdir, lbPort,
                instances, value);
    }

    ParticleRecord withRunning(boolean value) {
        return new ParticleRecord(stack, name, type, spec, specHash, value, protect, dependsOn, workdir, lbPort,
                instances, exitCode);
    }

    ParticleRecord withLbPort(int value) {
        return new ParticleRecord(stack, name, type, spec, specHash, running, protect, dependsOn, workdir, value,
                instances, exitCode);
    }

    /** A string spec field, or the fallback. */
    String text(String field, String fallback) {
        Object v = spec.get(field);
        return v == null ? fallback : String.valueOf(v);
    }
}

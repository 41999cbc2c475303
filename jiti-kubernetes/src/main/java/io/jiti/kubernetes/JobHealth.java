package io.jiti.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.jiti.spi.Observed;
import java.util.List;
import java.util.Map;

/** A job's Job: ready once it succeeded, failed once Kubernetes gave up on it; the exit code from its pod. */
final class JobHealth implements Health {

    @Override
    public Reading read(HasMetadata main, Cluster cluster) {
        Job job = (Job) main;
        var s = job.getStatus();
        if (s != null && s.getConditions() != null) {
            for (JobCondition c : s.getConditions()) {
                if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
                    int code = exitCode(job, cluster, 1);
                    return new Reading(Observed.Status.FAILED, "the job failed with exit code " + code
                            + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")"), false,
                            Map.of("exitCode", code));
                }
            }
        }
        if (s != null && s.getSucceeded() != null && s.getSucceeded() > 0) {
            return new Reading(Observed.Status.READY, "", true, Map.of("exitCode", exitCode(job, cluster, 0)));
        }
        return new Reading(Observed.Status.PROGRESSING, s != null && s.getActive() != null && s.getActive() > 0
                ? "running" : "waiting for its pod", true, Map.of());
    }

    /** The exit code of the job's last terminated container, or {@code otherwise} when no pod tells. */
    private static int exitCode(Job job, Cluster cluster, int otherwise) {
        List<Pod> pods = cluster.list(Pod.class, job.getMetadata().getNamespace(),
                Map.of("job-name", job.getMetadata().getName()));
        for (Pod p : pods) {
            if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
                for (ContainerStatus c : p.getStatus().getContainerStatuses()) {
                    if (c.getState() != null && c.getState().getTerminated() != null) {
                        return c.getState().getTerminated().getExitCode();
                    }
                }
            }
        }
        return otherwise;
    }
}

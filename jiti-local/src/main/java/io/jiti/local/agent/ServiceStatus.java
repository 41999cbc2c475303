package io.jiti.local.agent;


/**
 * What {@code jiti status} says of a service, from its record and what runs: failed (a build or a rolled
 * back deploy), building, ready (every instance healthy on the current spec) or progressing.
 *
 * @param status  the status
 * @param message why, when not plainly ready
 */
record ServiceStatus(Live.Status status, String message) {

    /**
     * @param r         its record
     * @param build     its build
     * @param release   its release phase
     * @param desired   instances it should run
     * @param healthy   instances on the current spec in rotation
     * @param instances instances it runs
     * @param old       whether some run an older spec
     * @param event     its last event, or ""
     * @param problem   why its instances cannot become ready ({@link InstancePorts}), or null
     * @param warning   what a ready instance does that it should not, or null
     */
    static ServiceStatus of(ParticleRecord r, ServiceBuild build, ReleasePhase release, int desired, long healthy,
                            int instances, boolean old, String event, String problem, String warning) {
        if (build.problem() != null) {
            return new ServiceStatus(Live.Status.FAILED, build.problem());
        }
        if (r.running() && release.problem() != null) {
            return new ServiceStatus(Live.Status.FAILED, release.problem());
        }
        if (r.running() && release.running()) {
            String line = release.lastLine();
            return new ServiceStatus(Live.Status.PREPARING, "release phase" + (line.isEmpty() ? "" : ": " + line));
        }
        if (r.running() && problem != null) {
            return new ServiceStatus(Live.Status.FAILED, problem + ". Its instances keep running and restarting"
                    + " until the stack changes ('jiti up' after the fix) or goes ('jiti down')");
        }
        if (r.rollout() != null && r.rollout().failure() != null) {
            return new ServiceStatus(Live.Status.FAILED, r.rollout().failure());
        }
        if (r.running() && build.running()) {
            String line = build.lastLine();
            return new ServiceStatus(Live.Status.PREPARING, "building" + (line.isEmpty() ? "" : ": " + line));
        }
        if (r.running()) {
            boolean ready = healthy == desired && instances == desired && !old;
            return ready ? new ServiceStatus(Live.Status.READY, warning == null ? "" : "warning: " + warning)
                    : new ServiceStatus(Live.Status.PROGRESSING, healthy + "/" + desired + " instances healthy"
                    + (event.isEmpty() ? "" : "; " + event));
        }
        return instances == 0 ? new ServiceStatus(Live.Status.READY, "stopped")
                : new ServiceStatus(Live.Status.PROGRESSING, "stopping");
    }
}

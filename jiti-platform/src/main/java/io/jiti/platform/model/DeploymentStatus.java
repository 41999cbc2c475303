package io.jiti.platform.model;

import java.util.Locale;

/** Where a deployment is: waiting, running, or ended one of three ways. */
public enum DeploymentStatus {
    /** Waiting for a worker (and for earlier deployments of its target). */
    QUEUED,
    /** A worker is applying it; a server restart resumes it. */
    RUNNING,
    /** Applied: its target converged. */
    SUCCEEDED,
    /** Refused or not converged: it can be retried, or its target rolled back. */
    FAILED,
    /** Cancelled before it ended. */
    CANCELLED;

    /** As written: {@code queued}, … */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether it has ended. */
    public boolean ended() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}

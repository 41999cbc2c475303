package io.jiti.local.agent;


/** What the agent runs for one particle; one implementation per type. Thread-safe. */
sealed interface ParticleRuntime permits ServiceRuntime, JobRuntime, FileRuntime, SecretRuntime, ServerRuntime {

    /** Brings the particle to {@code desired} (create or update); returns at once, work goes on in ticks. */
    void apply(ParticleRecord desired);

    /** Starts or stops it. */
    void setRunning(boolean running);

    /** Removes it and everything it runs; returns when done. */
    void delete();

    /** How it is now. */
    Live observe();

    /** Supervision: called every few hundred milliseconds. */
    void tick();

    /** The current record. */
    ParticleRecord record();

    /**
     * Stops what it runs (processes, load balancer) without changing what it should run, so that the next
     * agent starts it again: for {@code jiti agent stop --all}. Called once supervision has stopped.
     */
    default void stopProcesses() {
    }

    /** After {@code jiti ca rotate}: whatever it serves over TLS serves the home's new certificate. */
    default void renewCertificate() {
    }
}

package io.jiti.local.agent;

import io.jiti.local.lb.Balancer;

/**
 * One running instance of a service and what its health checks said. It is <em>ready</em> once a check
 * passed; it is <em>in rotation</em> while ready and fewer than {@link #FAILURES_TO_EJECT} checks in a
 * row failed; past that it is <em>dead</em> to the supervisor, which kills and replaces it.
 */
final class ServiceInstance {
    /** Consecutive failed checks that take an instance out of rotation (and get it replaced). */
    static final int FAILURES_TO_EJECT = 3;
    /** What {@link #outdate} appends to the spec hash it runs. */
    static final String OUTDATED = "+outdated";
    private final String id;
    private final Launched process;
    private final int port;
    private volatile String specHash;
    private final long startedAt;
    private volatile long readySince;
    private volatile int failures;
    private volatile boolean checking;
    private volatile long lastCheck;
    private boolean announced;

    ServiceInstance(String id, Launched process, int port, String specHash, long startedAt) {
        this.id = id;
        this.process = process;
        this.port = port;
        this.specHash = specHash;
        this.startedAt = startedAt;
    }

    String id() {
        return id;
    }

    Launched process() {
        return process;
    }

    int port() {
        return port;
    }

    String specHash() {
        return specHash;
    }

    /**
     * Marks it as running an outdated configuration (a secret it uses was rotated), so that the
     * supervisor replaces it as in a rolling deploy; the mark is kept in the record.
     */
    void outdate() {
        if (!specHash.endsWith(OUTDATED)) {
            specHash = specHash + OUTDATED;
        }
    }

    long startedAt() {
        return startedAt;
    }

    /**
     * Taken as ready without a check: an instance a new agent adopts while the load balancer still has it
     * in rotation (its health checks go on, and three failures take it out as for any other).
     */
    void adoptReady() {
        if (readySince == 0) {
            readySince = System.currentTimeMillis();
            announced = true;
        }
    }

    /** A check passed since it started. */
    boolean ready() {
        return readySince != 0;
    }

    /** When it first passed a check (epoch ms), or 0. */
    long readySince() {
        return readySince;
    }

    /** Whether it should get requests. */
    boolean healthy() {
        return ready() && failures < FAILURES_TO_EJECT;
    }

    /** Whether it stopped answering after having been ready: to be killed and replaced. */
    boolean unresponsive() {
        return ready() && failures >= FAILURES_TO_EJECT;
    }

    /** Claims the next check: quickly until ready, then every {@code intervalMillis}. */
    synchronized boolean claimCheck(long startupIntervalMillis, long intervalMillis) {
        long now = System.currentTimeMillis();
        long interval = ready() ? intervalMillis : startupIntervalMillis;
        if (checking || now - lastCheck < interval) {
            return false;
        }
        checking = true;
        lastCheck = now;
        return true;
    }

    /** Records a check; returns whether that changed whether the instance should get requests. */
    boolean checked(boolean ok) {
        boolean before = healthy();
        if (ok) {
            failures = 0;
            if (readySince == 0) {
                readySince = System.currentTimeMillis();
            }
        } else if (ready()) {
            failures++;
        }
        checking = false;
        return healthy() != before;
    }

    /** Whether its first entry into the rotation was already reported; reports it on the first call. */
    boolean announced() {
        boolean was = announced;
        announced = true;
        return was;
    }

    /** The directory its process runs in (from {@code /proc}), or null when it ended. */
    java.nio.file.Path directory() {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc", Long.toString(process.pid()), "cwd"));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    InstanceRecord toRecord(boolean stopping) {
        return new InstanceRecord(id, process.pid(), process.startedAt(), port, specHash, stopping);
    }

    /**
     * Waits until {@code lb} (null: none) has no request in flight on it, at most {@code drainMillis}, then
     * stops its process group: TERM, then KILL after {@code graceMillis}.
     */
    void drainAndStop(Balancer lb, long drainMillis, long graceMillis) {
        long deadline = System.currentTimeMillis() + drainMillis;
        long wait = 5;
        while (lb != null && lb.outstanding(id) > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            wait = Math.min(wait * 2, 100);
        }
        Launcher.stopGroup(process.pid(), graceMillis);
    }
}

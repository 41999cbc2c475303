package io.jiti.local.agent;

/** One running instance of a service, with the result of its latest health check. */
final class ServiceInstance {
    private final String id;
    private final Launched process;
    private final int port;
    private final String specHash;
    private final long startedAt;
    private volatile boolean healthy;
    private volatile boolean checking;
    private volatile long lastCheck;

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

    long startedAt() {
        return startedAt;
    }

    boolean healthy() {
        return healthy;
    }

    /** Claims the next check if none runs and the last one is older than {@code intervalMillis}. */
    synchronized boolean claimCheck(long intervalMillis) {
        long now = System.currentTimeMillis();
        if (checking || now - lastCheck < intervalMillis) {
            return false;
        }
        checking = true;
        lastCheck = now;
        return true;
    }

    void checked(boolean ok) {
        healthy = ok && process.alive();
        checking = false;
    }

    InstanceRecord toRecord() {
        return new InstanceRecord(id, process.pid(), process.startedAt(), port, specHash);
    }
}

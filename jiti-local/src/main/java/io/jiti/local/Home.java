package io.jiti.local;

import java.nio.file.Path;

/**
 * The layout of a {@code JITI_HOME}: the agent's files, its records, and per stack its logs and files.
 *
 * @param root the home directory
 */
public record Home(Path root) {

    public Path agentDir() {
        return root.resolve("agent");
    }

    /** Written by the running agent: its pid and its metrics port (for reading; never to find the API). */
    public Path agentInfo() {
        return agentDir().resolve("agent.json");
    }

    /** The agent's control API: a Unix domain socket in the private {@code agent} directory. */
    public Path agentSocket() {
        return agentDir().resolve("agent.sock");
    }

    /** The load balancers' host: where the agent steers them ({@link io.jiti.local.lb.BalancerHost}). */
    public Path balancerSocket() {
        return agentDir().resolve("balancer.sock");
    }

    /** The longest socket path Linux takes (108 bytes with the terminating NUL). */
    static final int MAX_SOCKET_PATH = 107;

    /** Refuses a home whose socket path is too long for a Unix domain socket, saying what to do. */
    public void requireSocketPathFits() {
        int length = agentSocket().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH) {
            throw new io.jiti.api.JitiException("JITI_HOME " + root + " is too deep for the agent's socket ("
                    + agentSocket() + " has " + length + " bytes; at most " + MAX_SOCKET_PATH + "); use a shorter JITI_HOME");
        }
    }

    /** The token for the agent's metrics port (Prometheus), readable by the owner only. */
    public Path token() {
        return agentDir().resolve("token");
    }

    /** Held by the running agent for its whole life: one agent per home. */
    public Path agentLock() {
        return agentDir().resolve("agent.lock");
    }

    /**
     * Left by an agent that stopped because it was asked to (not a crash): its standby and watchdog end
     * rather than take over. Removed when an agent starts.
     */
    public Path stoppedMark() {
        return agentDir().resolve("stopped");
    }

    /** Held while an agent is being started, so that two CLIs start one agent. */
    public Path startLock() {
        return agentDir().resolve("start.lock");
    }

    /** The agent's log: its output as collected (and rotated) by the agent itself. */
    public Path agentLog() {
        return agentDir().resolve("agent.log");
    }

    /** Where the agent process writes (stdout and stderr), until it collects that into {@link #agentLog()}. */
    public Path agentOut() {
        return agentDir().resolve("raw").resolve("agent.out");
    }

    public Path records() {
        return agentDir().resolve("records");
    }

    public Path locks() {
        return root.resolve("locks");
    }

    public Path stackDir(String stack) {
        return root.resolve("stacks").resolve(stack);
    }

    public Path logs(String stack, String particle) {
        return stackDir(stack).resolve("logs").resolve(particle);
    }

    /** A service's releases: its built trees, one directory each, that its instances run from. */
    public Path releases(String stack, String particle) {
        return stackDir(stack).resolve("releases").resolve(particle);
    }

    public Path files(String stack) {
        return stackDir(stack).resolve("files");
    }

    /** The key that encrypts secrets at rest (owner-only). */
    public Path secretKey() {
        return agentDir().resolve("secrets.keyset.json");
    }

    /** Encrypted secret values of a stack. */
    public Path secrets(String stack) {
        return stackDir(stack).resolve("secrets");
    }

    public Path work(String stack, String particle) {
        return stackDir(stack).resolve("run").resolve(particle);
    }
}

package io.jiti.spi;

import java.util.Optional;

/**
 * A provider capability: a long-running process of the provider's on this machine (the local agent), which
 * can be shown ({@code jiti agent status}) and stopped ({@code jiti agent stop}) without touching what it
 * runs.
 */
public interface AgentControl {

    /** What runs now, or empty when no agent runs; starts nothing. */
    Optional<AgentState> agentState();

    /**
     * Stops the agent and waits until it is gone; what it runs keeps running, for the next agent to adopt,
     * or, with {@code everything}, is stopped too (what the stacks say stays as it is: the next agent starts
     * it again). Returns what ran, or empty when no agent ran.
     */
    Optional<AgentState> stopAgent(boolean everything);

    /**
     * A running agent.
     *
     * @param pid       its process id
     * @param startedAt when it started (ISO-8601)
     * @param watchdog  the pid of the process that restarts it should it die, or 0
     * @param endpoint  where its API is (a socket path, a URL)
     */
    record AgentState(long pid, String startedAt, long watchdog, String endpoint) {
    }
}

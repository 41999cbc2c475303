package io.jiti.local;

/**
 * What a running agent writes about itself.
 *
 * @param pid       its process id
 * @param port      the loopback port serving its metrics (the control API is on the home's socket)
 * @param startedAt when it started (ISO-8601)
 * @param watchdog  the pid of the watchdog that restarts it, or 0
 */
public record AgentInfo(long pid, int port, String startedAt, long watchdog) {
}

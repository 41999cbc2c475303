package io.jiti.local;

/**
 * What a running agent writes about itself.
 *
 * @param pid       its process id
 * @param port      the loopback port of its control API
 * @param startedAt when it started (ISO-8601)
 */
public record AgentInfo(long pid, int port, String startedAt) {
}

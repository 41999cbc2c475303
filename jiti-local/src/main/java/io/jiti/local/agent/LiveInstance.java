package io.jiti.local.agent;

/**
 * One process of a particle on the agent's control API (its own wire type, see {@link Live}).
 *
 * @param id      stable id, such as {@code web-3f9a}
 * @param pid     the operating-system process id
 * @param port    the port it listens on, or 0
 * @param healthy whether its health check passes
 */
public record LiveInstance(String id, long pid, int port, boolean healthy) {
}

package io.jiti.spi;

/**
 * One running copy of a particle (a process, a pod, a task).
 *
 * @param id      stable id, such as {@code web-3f9a}
 * @param pid     operating-system process id, or 0 where there is none
 * @param port    the port it listens on, or 0
 * @param healthy whether its health check passes
 */
public record Instance(String id, long pid, int port, boolean healthy) {
}

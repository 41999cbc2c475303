package io.jiti.local.agent;

/**
 * A process the agent runs for a particle, as kept in its records.
 *
 * @param id        the instance id
 * @param pid       the process id
 * @param startedAt the process start time (epoch ms), to tell it from a recycled pid
 * @param port      the port it listens on, or 0
 * @param specHash  the spec it was started from
 * @param stopping  whether it is out of rotation and being stopped: an agent that restarts finishes
 *                  stopping it rather than adopting it, so no process outlives its record
 */
record InstanceRecord(String id, long pid, long startedAt, int port, String specHash, boolean stopping) {
}

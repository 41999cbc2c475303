package io.jiti.local.agent;

import java.util.Optional;

/**
 * A process the agent started in its own session (so it outlives the agent), found again by pid plus
 * start time.
 *
 * @param pid       the process id (also its process group and session id)
 * @param startedAt its start time in epoch milliseconds, as the OS reports it
 * @param process   the child handle when this agent started it (gives the exit code), else empty
 */
record Launched(long pid, long startedAt, Optional<Process> process) {

    /** A process from the records, found again (not started) by this agent. */
    static Launched of(InstanceRecord i) {
        return new Launched(i.pid(), i.startedAt(), Optional.empty());
    }

    /**
     * Whether the very process (not a recycled pid) is still alive. For a child of this agent the child
     * handle decides, so that once it says "ended" its exit code is there too (the OS may forget the pid
     * a moment before the JVM has reaped the child).
     */
    boolean alive() {
        if (process.isPresent()) {
            return process.get().isAlive();
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isPresent() && h.get().isAlive() && startOf(h.get()) == startedAt;
    }

    /** The exit code, when this agent started the process and it ended. */
    Optional<Integer> exitCode() {
        return process.filter(p -> !p.isAlive()).map(Process::exitValue);
    }

    static long startOf(ProcessHandle h) {
        return h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }
}

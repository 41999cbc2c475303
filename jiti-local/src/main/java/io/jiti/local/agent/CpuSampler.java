package io.jiti.local.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** CPU used by processes, from {@code /proc/PID/stat}, as percent of one core between two samples. */
final class CpuSampler {
    private static final double TICKS_PER_SECOND = 100;
    private final Map<Long, long[]> last = new HashMap<>();

    /** The summed CPU percent of {@code pids} since the previous call (0 for pids seen the first time). */
    double percent(Collection<Long> pids, long nowNanos) {
        double total = 0;
        Map<Long, long[]> next = new HashMap<>();
        for (long pid : pids) {
            long ticks = ticks(pid);
            if (ticks < 0) {
                continue;
            }
            long[] before = last.get(pid);
            next.put(pid, new long[] {ticks, nowNanos});
            if (before != null && nowNanos > before[1]) {
                double seconds = (nowNanos - before[1]) / 1e9;
                total += (ticks - before[0]) / TICKS_PER_SECOND / seconds * 100;
            }
        }
        last.clear();
        last.putAll(next);
        return total;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

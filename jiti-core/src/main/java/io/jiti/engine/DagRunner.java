package io.jiti.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one task per node of a DAG on a pool: a node starts once everything it waits for succeeded; a node
 * whose prerequisite did not succeed is skipped, and so are its own dependents. Independent branches go on.
 */
final class DagRunner {
    /** What a node's task reports. */
    interface Task {
        /** Runs the node; returns whether it succeeded. */
        boolean run(String node);

        /** The node is skipped because {@code blocker} did not succeed. */
        void skip(String node, String blocker);
    }

    private DagRunner() {
    }

    static void run(List<String> nodes, Function<String, List<String>> waitsFor, Task task, ExecutorService pool) {
        Map<String, AtomicInteger> remaining = new HashMap<>();
        Map<String, List<String>> unblocks = new HashMap<>();
        for (String n : nodes) {
            List<String> prerequisites = waitsFor.apply(n).stream().filter(d -> !d.equals(n)).toList();
            remaining.put(n, new AtomicInteger(prerequisites.size()));
            for (String d : prerequisites) {
                unblocks.computeIfAbsent(d, k -> new java.util.ArrayList<>()).add(n);
            }
        }
        CountDownLatch done = new CountDownLatch(nodes.size());
        Map<String, String> blockedBy = new ConcurrentHashMap<>();
        Runner runner = new Runner(task, pool, remaining, unblocks, blockedBy, done);
        // Decide the first wave before submitting any of it: once a node runs, it may drive others to zero.
        List<String> ready = nodes.stream().filter(n -> remaining.get(n).get() == 0).toList();
        ready.forEach(runner::submit);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.jiti.api.JitiException("apply interrupted", e);
        }
    }

    private record Runner(Task task, ExecutorService pool, Map<String, AtomicInteger> remaining,
                          Map<String, List<String>> unblocks, Map<String, String> blockedBy, CountDownLatch done) {

        void submit(String node) {
            pool.execute(() -> {
                boolean ok;
                try {
                    ok = task.run(node);
                } catch (RuntimeException e) {
                    ok = false;
                }
                complete(node, ok);
            });
        }

        void complete(String node, boolean ok) {
            for (String next : unblocks.getOrDefault(node, List.of())) {
                if (!ok) {
                    blockedBy.putIfAbsent(next, blockedBy.getOrDefault(node, node));
                }
                if (remaining.get(next).decrementAndGet() == 0) {
                    String blocker = blockedBy.get(next);
                    if (blocker == null) {
                        submit(next);
                    } else {
                        task.skip(next, blocker);
                        complete(next, false);
                    }
                }
            }
            done.countDown();
        }
    }
}

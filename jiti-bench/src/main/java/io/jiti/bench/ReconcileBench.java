package io.jiti.bench;

import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.Reconciler;
import io.jiti.plan.Plan;
import io.jiti.testkit.InMemoryProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Applies stacks on the in-memory provider with a fixed latency per provider call and compares each
 * apply's time with its lower bound: the provider's list call plus, per dependency level, one round of
 * calls per {@code concurrency} particles. That bound is exact for the shapes measured here: independent
 * particles (one level) and the chain-and-fan, where every level waits for all of the previous one.
 *
 * <p>Arguments: {@code [latencyMillis=20] [concurrency=32] [repeats=3]}.
 */
public final class ReconcileBench {
    private final Duration latency;
    private final int concurrency;
    private final int repeats;

    private ReconcileBench(Duration latency, int concurrency, int repeats) {
        this.latency = latency;
        this.concurrency = concurrency;
        this.repeats = repeats;
    }

    public static void main(String[] args) {
        long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : 20;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ReconcileBench b = new ReconcileBench(Duration.ofMillis(latencyMs), concurrency, repeats);
        System.out.println("latency: " + latencyMs + " ms");
        System.out.println("concurrency: " + concurrency + " calls");
        b.warmUp();
        for (int n : new int[] {100, 1_000, 10_000}) {
            b.apply("apply-" + n + "-independent", independent(n), List.of(n));
        }
        b.apply("apply-1000-chain-and-fan", chainAndFan(10, 100), chainAndFanLevels(10, 100));
        b.noopPlan(10_000);
    }

    private void warmUp() {
        InMemoryProvider p = new InMemoryProvider(Duration.ZERO, concurrency, 0);
        for (int i = 0; i < 3; i++) {
            Stack s = independent(2_000);
            reconciler(p).apply(s);
            reconciler(p).plan(s);
            reconciler(p).destroy(s.name());
        }
    }

    private Reconciler reconciler(InMemoryProvider p) {
        return new Reconciler(p, ApplyListener.none(), new ApplyOptions(false, concurrency, Duration.ofMinutes(5)));
    }

    private void apply(String name, Stack stack, List<Integer> levelWidths) {
        long[] millis = new long[repeats];
        for (int r = 0; r < repeats; r++) {
            InMemoryProvider p = new InMemoryProvider(latency, concurrency, 0);
            long start = System.nanoTime();
            ApplyReport report = reconciler(p).apply(stack);
            millis[r] = (System.nanoTime() - start) / 1_000_000;
            if (!report.ok() || p.count(stack.name()) != stack.particles().size()) {
                throw new IllegalStateException(name + " did not converge: " + report.problems());
            }
        }
        long rounds = levelWidths.stream().mapToLong(w -> (w + concurrency - 1) / concurrency).sum();
        long bound = (rounds + 1) * latency.toMillis();
        long median = median(millis);
        System.out.println(name + ": " + median + " ms");
        System.out.println(name + "-bound: " + bound + " ms");
        System.out.printf("%s-ratio: %.2f x%n", name, (double) median / bound);
    }

    private void noopPlan(int n) {
        InMemoryProvider p = new InMemoryProvider(latency, concurrency, 0);
        Stack stack = independent(n);
        reconciler(p).apply(stack);
        long[] millis = new long[Math.max(repeats, 5)];
        for (int r = 0; r < millis.length; r++) {
            long start = System.nanoTime();
            Plan plan = reconciler(p).plan(stack);
            millis[r] = (System.nanoTime() - start) / 1_000_000;
            if (plan.hasChanges()) {
                throw new IllegalStateException("a no-op plan has changes");
            }
        }
        System.out.println("plan-" + n + "-noop: " + median(millis) + " ms");
        System.out.println("plan-" + n + "-noop-list-latency: " + latency.toMillis() + " ms");
    }

    static Stack independent(int n) {
        Stack.Builder b = Stack.named("bench-" + n);
        for (int i = 0; i < n; i++) {
            b.particle(Particle.of("p" + i, "file").spec("content", "particle " + i));
        }
        return b.build();
    }

    /** {@code stages} levels of one hub (waiting for all of the previous fan) and a fan of {@code width - 1}. */
    static Stack chainAndFan(int stages, int width) {
        Stack.Builder b = Stack.named("bench-chain-and-fan");
        List<String> previousFan = new ArrayList<>();
        for (int s = 0; s < stages; s++) {
            String hub = "hub" + s;
            b.particle(Particle.of(hub, "file").spec("content", "hub " + s).dependsOn(previousFan.toArray(String[]::new)));
            previousFan = new ArrayList<>();
            for (int f = 1; f < width; f++) {
                String member = "fan" + s + "-" + f;
                b.particle(Particle.of(member, "file").spec("content", "after ${" + hub + ".path}"));
                previousFan.add(member);
            }
        }
        return b.build();
    }

    static List<Integer> chainAndFanLevels(int stages, int width) {
        List<Integer> levels = new ArrayList<>();
        for (int s = 0; s < stages; s++) {
            levels.add(1);
            levels.add(width - 1);
        }
        return levels;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

package io.jiti.testkit;

import io.jiti.load.TypeCatalog;
import io.jiti.load.TypeInfo;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderException;
import io.jiti.spi.StackLock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A provider that keeps its resources in memory: every built-in type, with a fixed latency per call,
 * operations that stay "in progress" for a number of polls, and failures injected on demand. Counts
 * calls and the peak number of calls in flight, so tests can check the engine's bounds.
 */
public final class InMemoryProvider implements Provider {
    private final Duration latency;
    private final int concurrency;
    private final int pollsUntilReady;
    private final Map<String, ParticleType> types = new LinkedHashMap<>();
    final Map<String, Map<String, io.jiti.spi.Observed>> resources = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> progress = new ConcurrentHashMap<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    /**
     * @param latency         how long each call takes
     * @param concurrency     the bound the engine should keep to
     * @param pollsUntilReady how many reads a created or updated resource stays progressing (0: ready at once)
     */
    public InMemoryProvider(Duration latency, int concurrency, int pollsUntilReady) {
        this.latency = latency;
        this.concurrency = concurrency;
        this.pollsUntilReady = pollsUntilReady;
        for (TypeInfo t : TypeCatalog.portable().all()) {
            types.put(t.id(), new MemoryType(this, t));
        }
    }

    /** No latency, ready at once. */
    public static InMemoryProvider instant() {
        return new InMemoryProvider(Duration.ZERO, 16, 0);
    }

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public Map<String, ParticleType> types() {
        return types;
    }

    @Override
    public int maxConcurrency() {
        return concurrency;
    }

    @Override
    public Duration operationTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public StackLock lock(String stack, Consumer<String> onWait) {
        ReentrantLock lock = locks.computeIfAbsent(stack, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            onWait.accept("another apply in this process");
            lock.lock();
        }
        return lock::unlock;
    }

    /** Makes the next {@code times} calls of {@code operation} on {@code particle} fail. */
    public void inject(Failure failure) {
        failures.add(failure);
    }

    /** How many calls of an operation ({@code create}, {@code list}, ...) were made. */
    public int calls(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    /** The most calls that were in flight at once. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** How many resources the stack owns here. */
    public int count(String stack) {
        return resources.getOrDefault(stack, Map.of()).size();
    }

    /** Enters a call: counts it, applies latency, throws an injected failure. */
    void call(String operation, String particle) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        try {
            if (!latency.isZero()) {
                TimeUnit.NANOSECONDS.sleep(latency.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted", true, e);
        } finally {
            inFlight.decrementAndGet();
        }
        for (Failure f : failures) {
            if (f.operation().equals(operation) && (particle == null || f.particle().equals(particle))) {
                failures.remove(f);
                if (f.times() > 1) {
                    failures.add(new Failure(f.particle(), f.operation(), f.times() - 1, f.retryable()));
                }
                throw new ProviderException("injected " + operation + " failure on " + f.particle(), f.retryable());
            }
        }
    }

    int pollsUntilReady() {
        return pollsUntilReady;
    }
}

package io.jiti.platform.deploy;

import io.jiti.platform.model.Deployment;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bounded pool that runs queued deployments, oldest first, one at a time per target. At start it puts
 * back in the queue what was running when the server stopped (those are resumed). It polls the queue, and
 * {@link #wake()} makes it look at once.
 */
public final class DeploymentWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeploymentWorker.class.getName());
    private static final Duration POLL = Duration.ofSeconds(1);
    private final Store store;
    private final DeploymentRunner runner;
    private final int threads;
    private final Clock clock;
    private final Semaphore signal = new Semaphore(0);
    private final List<Thread> pool = new ArrayList<>();
    private volatile boolean running;

    /** A pool of {@code threads} workers (at least 1). */
    public DeploymentWorker(Store store, DeploymentRunner runner, int threads, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.threads = Math.max(1, threads);
        this.clock = clock;
    }

    /** Resumes what was running, then starts the workers; returns how many deployments were resumed. */
    public synchronized int start() {
        int resumed = store.requeueRunning();
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, "jiti-deploy-" + i);
            t.setDaemon(true);
            pool.add(t);
            t.start();
        }
        return resumed;
    }

    /** Tells the workers there is something in the queue. */
    public void wake() {
        signal.release(threads);
    }

    private void loop() {
        while (running) {
            try {
                Optional<Deployment> next = claim();
                if (next.isPresent()) {
                    runner.run(next.get());
                } else {
                    signal.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a deployment worker failed; it goes on", e);
            }
        }
    }

    /** One claim at a time in this process, so that two workers never take the same target. */
    private synchronized Optional<Deployment> claim() {
        return running ? store.claimNext(clock.instant()) : Optional.empty();
    }

    /** Stops taking work; waits a little for what runs (what is still running then is resumed by the next start). */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        wake();
        for (Thread t : pool) {
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

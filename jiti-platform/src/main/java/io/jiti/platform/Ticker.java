package io.jiti.platform;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A daemon thread that runs one step every period, or at once when woken; a failed step is logged and tried again. */
final class Ticker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Ticker.class.getName());
    private final String name;
    private final long periodMs;
    private final Runnable step;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    Ticker(String name, long periodMs, Runnable step) {
        this.name = name;
        this.periodMs = periodMs;
        this.step = step;
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    void wake() {
        signal.release();
    }

    private void loop() {
        while (running) {
            try {
                step.run();
                signal.tryAcquire(periodMs, TimeUnit.MILLISECONDS);
                signal.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": a step failed; it is tried again", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

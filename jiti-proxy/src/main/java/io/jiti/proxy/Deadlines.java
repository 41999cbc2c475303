package io.jiti.proxy;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * The request deadlines of one event loop. Every request of a proxy gets the same timeout, so deadlines
 * expire in the order they were set: a FIFO list with O(1) add and remove, swept by one periodic task,
 * instead of a scheduled task per request (which costs a priority-queue insert and removal on the hot
 * path). A deadline fires at most {@link #resolutionNanos} late. Confined to its loop.
 */
final class Deadlines {
    /** One entry in the list; an exchange owns one. */
    static final class Entry {
        private final Runnable onExpiry;
        private long deadlineNanos;
        private Entry prev;
        private Entry next;
        private boolean linked;

        Entry(Runnable onExpiry) {
            this.onExpiry = onExpiry;
        }
    }

    private final EventLoop loop;
    private final long timeoutNanos;
    private final long resolutionNanos;
    private Entry head;
    private Entry tail;
    private boolean sweeping;

    Deadlines(EventLoop loop, long timeoutNanos) {
        this.loop = loop;
        this.timeoutNanos = timeoutNanos;
        this.resolutionNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(5),
                Math.min(TimeUnit.MILLISECONDS.toNanos(100), timeoutNanos / 10));
    }

    /** Starts {@code e}'s timeout now. */
    void add(Entry e, long nowNanos) {
        e.deadlineNanos = nowNanos + timeoutNanos;
        e.prev = tail;
        e.next = null;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
        e.linked = true;
        if (!sweeping) {
            sweeping = true;
            loop.schedule(this::sweep, resolutionNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Cancels {@code e}'s timeout; harmless when it is not set. */
    void remove(Entry e) {
        if (!e.linked) {
            return;
        }
        if (e.prev == null) {
            head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.linked = false;
    }

    private void sweep() {
        long now = System.nanoTime();
        while (head != null && head.deadlineNanos - now <= 0) {
            Entry e = head;
            remove(e);
            e.onExpiry.run();
        }
        if (head == null) {
            sweeping = false;
        } else {
            loop.schedule(this::sweep, resolutionNanos, TimeUnit.NANOSECONDS);
        }
    }
}

package io.jiti.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The proxy's view of one backend: requests in flight, recent failures, ejection, idle connections per loop. */
final class Upstream {
    final Backend backend;
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    volatile long ejectedUntilNanos;
    /** Idle keep-alive connections, one deque per event loop, touched only from that loop. */
    private final Map<EventLoop, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();

    Upstream(Backend backend) {
        this.backend = backend;
    }

    boolean ejected(long now) {
        return ejectedUntilNanos - now > 0;
    }

    /** An open idle connection on this loop, or null. */
    Channel takeIdle(EventLoop loop) {
        ArrayDeque<Channel> q = idle.get(loop);
        while (q != null && !q.isEmpty()) {
            Channel c = q.pollLast();
            if (c.isActive()) {
                return c;
            }
        }
        return null;
    }

    void giveBack(Channel c) {
        idle.computeIfAbsent(c.eventLoop(), k -> new ArrayDeque<>()).addLast(c);
    }

    void forget(Channel c) {
        ArrayDeque<Channel> q = idle.get(c.eventLoop());
        if (q != null) {
            q.remove(c);
        }
    }

    /** Closes every idle connection (the backend left the rotation for good). */
    void closeIdle() {
        idle.forEach((loop, q) -> loop.execute(() -> {
            q.forEach(Channel::close);
            q.clear();
        }));
    }
}

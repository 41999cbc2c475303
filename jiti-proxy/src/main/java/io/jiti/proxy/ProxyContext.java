package io.jiti.proxy;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What every exchange of one proxy shares. */
record ProxyContext(ProxyConfig config, Balancer balancer, BackendConnector connector, ProxyMetrics metrics,
                    Map<EventLoop, Deadlines> deadlines) {

    ProxyContext(ProxyConfig config, Balancer balancer, BackendConnector connector, ProxyMetrics metrics) {
        this(config, balancer, connector, metrics, new ConcurrentHashMap<>());
    }

    /** The request deadlines of one event loop (made at its first connection). */
    Deadlines deadlinesOf(EventLoop loop) {
        return deadlines.computeIfAbsent(loop, l -> new Deadlines(l, config.requestTimeout().toNanos()));
    }
}

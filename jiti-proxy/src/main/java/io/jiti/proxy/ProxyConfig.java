package io.jiti.proxy;

import java.time.Duration;

/**
 * How a proxy behaves.
 *
 * @param name               a label for threads and messages
 * @param port               the loopback port to listen on (0: any free port)
 * @param requestTimeout     how long a request may wait for its response to start
 * @param idleTimeout        how long an idle client connection stays open
 * @param connectTimeout     how long connecting to an instance may take
 * @param maxBodyBytes       the largest request body accepted ({@code 413} beyond)
 * @param maxRetries         how many other attempts a failed request may get
 * @param ejectAfterFailures consecutive connect errors or 5xx that take an instance out of rotation
 * @param ejectFor           how long an ejected instance stays out
 * @param ioThreads          event-loop threads
 */
public record ProxyConfig(String name, int port, Duration requestTimeout, Duration idleTimeout,
                          Duration connectTimeout, long maxBodyBytes, int maxRetries, int ejectAfterFailures,
                          Duration ejectFor, int ioThreads) {

    /** Sensible defaults: 30 s requests, 60 s idle, 1 s connect, 10 MiB bodies, 2 retries, eject after 3. */
    public static ProxyConfig defaults(String name, int port) {
        return new ProxyConfig(name, port, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(1),
                10L * 1024 * 1024, 2, 3, Duration.ofSeconds(10), 2);
    }

    public ProxyConfig withRequestTimeout(Duration value) {
        return new ProxyConfig(name, port, value, idleTimeout, connectTimeout, maxBodyBytes, maxRetries,
                ejectAfterFailures, ejectFor, ioThreads);
    }

    public ProxyConfig withMaxBodyBytes(long value) {
        return new ProxyConfig(name, port, requestTimeout, idleTimeout, connectTimeout, value, maxRetries,
                ejectAfterFailures, ejectFor, ioThreads);
    }

    public ProxyConfig withIdleTimeout(Duration value) {
        return new ProxyConfig(name, port, requestTimeout, value, connectTimeout, maxBodyBytes, maxRetries,
                ejectAfterFailures, ejectFor, ioThreads);
    }
}

package io.jiti.local.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks instances without blocking the supervisor: an HTTP GET of the health path (2xx or 3xx is
 * healthy), or, without a path, whether the port accepts a connection. A starting instance is checked
 * every 20 ms until it first passes (its own loop, not waiting for the supervisor's tick, so it joins the
 * rotation within 20 ms of being able to answer); a ready one every second, each check timing out after
 * 800 ms.
 */
final class HealthChecker {
    /** Checks of a starting instance, until its first success: it joins the rotation that soon. */
    private static final long STARTUP_INTERVAL_MILLIS = 20;
    /** Checks of a ready instance. */
    private static final long INTERVAL_MILLIS = 1000;
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private volatile HttpClient http;
    private final ExecutorService pool;
    private final Executor later;

    HealthChecker(ExecutorService pool) {
        this.pool = pool;
        this.later = CompletableFuture.delayedExecutor(STARTUP_INTERVAL_MILLIS, TimeUnit.MILLISECONDS, pool);
    }

    /** The HTTP client, made on the first check (it takes a while to load; a restarted agent needs none at first). */
    private HttpClient http() {
        HttpClient h = http;
        if (h == null) {
            synchronized (this) {
                h = http;
                if (h == null) {
                    h = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                            .executor(pool).build();
                    http = h;
                }
            }
        }
        return h;
    }

    /** Checks {@code i} if due; {@code onChange} runs when the result changes whether it gets requests. */
    void check(ServiceInstance i, String path, Runnable onChange) {
        if (!i.claimCheck(STARTUP_INTERVAL_MILLIS, INTERVAL_MILLIS)) {
            return;
        }
        if (path == null) {
            pool.execute(() -> done(i, accepts(i.port()), path, onChange));
            return;
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + i.port() + path))
                .timeout(TIMEOUT).GET().build();
        http().sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .whenComplete((res, err) -> done(i, err == null && res.statusCode() >= 200 && res.statusCode() < 400,
                        path, onChange));
    }

    private void done(ServiceInstance i, boolean ok, String path, Runnable onChange) {
        if (i.checked(ok)) {
            onChange.run();
        }
        if (!i.ready() && i.process().alive()) {
            later.execute(() -> check(i, path, onChange));
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

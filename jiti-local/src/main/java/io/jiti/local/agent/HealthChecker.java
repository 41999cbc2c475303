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
import java.util.concurrent.ExecutorService;

/**
 * Checks instances without blocking the supervisor: an HTTP GET of the health path (2xx or 3xx is
 * healthy), or, without a path, whether the port accepts a connection. A starting instance is checked
 * every 50 ms until it first passes; a ready one every second, each check timing out after 800 ms.
 */
final class HealthChecker {
    /** Checks of a starting instance, until its first success: it joins the rotation that soon. */
    private static final long STARTUP_INTERVAL_MILLIS = 50;
    /** Checks of a ready instance. */
    private static final long INTERVAL_MILLIS = 1000;
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private final HttpClient http;
    private final ExecutorService pool;

    HealthChecker(ExecutorService pool) {
        this.pool = pool;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .executor(pool).build();
    }

    /** Checks {@code i} if due; {@code onChange} runs when the result changes whether it gets requests. */
    void check(ServiceInstance i, String path, Runnable onChange) {
        if (!i.claimCheck(STARTUP_INTERVAL_MILLIS, INTERVAL_MILLIS)) {
            return;
        }
        if (path == null) {
            pool.execute(() -> {
                if (i.checked(accepts(i.port()))) {
                    onChange.run();
                }
            });
            return;
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + i.port() + path))
                .timeout(TIMEOUT).GET().build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .whenComplete((res, err) -> {
                    if (i.checked(err == null && res.statusCode() >= 200 && res.statusCode() < 400)) {
                        onChange.run();
                    }
                });
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

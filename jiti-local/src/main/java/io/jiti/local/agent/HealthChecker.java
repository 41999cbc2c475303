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
 * healthy), or, without a path, whether the port accepts a connection.
 */
final class HealthChecker {
    private static final long INTERVAL_MILLIS = 250;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final HttpClient http;
    private final ExecutorService pool;

    HealthChecker(ExecutorService pool) {
        this.pool = pool;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .executor(pool).build();
    }

    void check(ServiceInstance i, String path) {
        if (!i.claimCheck(INTERVAL_MILLIS)) {
            return;
        }
        if (path == null) {
            pool.execute(() -> i.checked(accepts(i.port())));
            return;
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + i.port() + path))
                .timeout(TIMEOUT).GET().build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .whenComplete((res, err) -> i.checked(err == null && res.statusCode() >= 200 && res.statusCode() < 400));
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

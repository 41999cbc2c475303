package io.jiti.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop GET load on one URL from a few threads, counting every request that did not get a 200 and
 * keeping the first few reasons. For resilience tests and benchmarks on loopback; {@link #close()} stops it.
 */
public final class LoadClient implements AutoCloseable {
    private static final int REASONS_KEPT = 20;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    public LoadClient(String url, int threadCount) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
        for (int t = 0; t < threadCount; t++) {
            Thread th = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            fail(r.statusCode() + " " + r.body().trim());
                        }
                    } catch (IOException e) {
                        fail(e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "load-" + t);
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
    }

    private void fail(String why) {
        if (failed.incrementAndGet() <= REASONS_KEPT) {
            failures.add(why);
        }
    }

    /** Requests answered 200. */
    public long ok() {
        return ok.get();
    }

    /** Requests that failed or got another status. */
    public long failed() {
        return failed.get();
    }

    /** The first few failures' reasons. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops the load and waits for requests in flight. */
    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(35_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

package io.jiti.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Closed-loop GET load from a few threads, counting requests that did not get a 200. */
final class Load implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** The first few failures, for the report. */
    final java.util.Queue<String> reasons = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    Load(String url, int threadCount) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
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
            });
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
    }

    private void fail(String why) {
        if (failed.incrementAndGet() <= 5) {
            reasons.add(why);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(35_000);
        }
    }
}

package io.jiti.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Steady GET load on a URL from a few threads, counting every request that did not get a 200. */
final class LoadClient implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    LoadClient(String url, int threadCount) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
        for (int t = 0; t < threadCount; t++) {
            Thread th = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            failures.add(r.statusCode() + " " + r.body().trim());
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        failures.add(e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "load-" + t);
            th.start();
            threads.add(th);
        }
    }

    long ok() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}

package io.jiti.server;

import io.javalin.http.sse.SseClient;
import io.jiti.platform.Platform;
import io.jiti.platform.model.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live deployment progress as Server-Sent Events: {@code log} events carry new log lines as they are written,
 * one {@code status} event the end ({@code {"status": …, "message": …}}), then the stream closes. One
 * scheduler thread feeds every stream from the database; at most {@link #MAX_STREAMS} at once (503 beyond).
 */
final class DeploymentEvents implements AutoCloseable {
    static final int MAX_STREAMS = 64;
    private static final long POLL_MS = 250;
    private final Platform platform;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jiti-sse");
        t.setDaemon(true);
        return t;
    });
    private final Map<SseClient, Stream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    DeploymentEvents(Platform platform) {
        this.platform = platform;
        scheduler.scheduleWithFixedDelay(this::feed, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** What a stream has sent so far. */
    private static final class Stream {
        final long id;
        int sent;

        Stream(long id) {
            this.id = id;
        }
    }

    void accept(SseClient client) {
        long id = Query.id(client.ctx()); // checked, with the deployment's existence, by a before-handler
        if (open.incrementAndGet() > MAX_STREAMS) {
            open.decrementAndGet();
            client.sendEvent("error", "too many live streams; try again later");
            client.close();
            return;
        }
        client.keepAlive();
        client.onClose(() -> {
            if (streams.remove(client) != null) {
                open.decrementAndGet();
            }
        });
        streams.put(client, new Stream(id));
    }

    private void feed() {
        for (Map.Entry<SseClient, Stream> e : streams.entrySet()) {
            SseClient client = e.getKey();
            Stream s = e.getValue();
            try {
                Deployment d = platform.deployments().show(null, s.id);
                if (d.log().length() > s.sent) {
                    d.log().substring(s.sent).lines().forEach(line -> client.sendEvent("log", line));
                    s.sent = d.log().length();
                }
                if (d.status().ended() || client.terminated()) {
                    Map<String, Object> end = new LinkedHashMap<>();
                    end.put("status", d.status().word());
                    end.put("message", d.message());
                    client.sendEvent("status", Json.write(end));
                    client.close();
                }
            } catch (RuntimeException ex) { // a deleted row, a closed connection: the stream ends
                client.close();
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        streams.keySet().forEach(SseClient::close);
    }
}

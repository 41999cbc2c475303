package io.jiti.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    private final EventLoop loop = new DefaultEventLoop();
    private final List<String> fired = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }

    @Test
    void expiresInOrderAndNeverAfterRemoval() {
        long timeout = TimeUnit.MILLISECONDS.toNanos(200);
        Deadlines d = new Deadlines(loop, timeout);
        Deadlines.Entry a = new Deadlines.Entry(() -> fired.add("a"));
        Deadlines.Entry b = new Deadlines.Entry(() -> fired.add("b"));
        Deadlines.Entry c = new Deadlines.Entry(() -> fired.add("c"));
        long start = System.nanoTime();
        loop.execute(() -> {
            long now = System.nanoTime();
            d.add(a, now);
            d.add(b, now);
            d.add(c, now);
            d.remove(b);
            d.remove(b);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> fired.size() == 2);
        assertThat(fired).containsExactly("a", "c");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(timeout);
    }

    @Test
    void anEntryCanBeSetAgainAfterItFiredAndTheSweepRestarts() {
        Deadlines d = new Deadlines(loop, TimeUnit.MILLISECONDS.toNanos(50));
        Deadlines.Entry a = new Deadlines.Entry(() -> fired.add("a"));
        loop.execute(() -> d.add(a, System.nanoTime()));
        await().atMost(Duration.ofSeconds(5)).until(() -> fired.size() == 1);
        loop.execute(() -> d.add(a, System.nanoTime()));
        await().atMost(Duration.ofSeconds(5)).until(() -> fired.size() == 2);
        assertThat(fired).containsExactly("a", "a");
    }
}

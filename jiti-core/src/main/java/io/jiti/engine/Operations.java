package io.jiti.engine;

import io.jiti.api.JitiException;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.ParticleType;
import io.jiti.spi.ProviderException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Provider calls with a deadline: retries with backoff for retryable errors, and polling for slow operations. */
final class Operations {
    private static final Duration RETRY_BASE = Duration.ofMillis(100);
    private static final Duration RETRY_CAP = Duration.ofSeconds(5);
    private static final Duration POLL_BASE = Duration.ofMillis(20);
    private static final Duration POLL_CAP = Duration.ofSeconds(1);

    private Operations() {
    }

    /** Calls until it succeeds, fails for good, or the time is up. */
    static <T> T withRetry(Supplier<T> call, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff backoff = new Backoff(RETRY_BASE, RETRY_CAP);
        while (true) {
            try {
                return call.get();
            } catch (ProviderException e) {
                Duration wait = backoff.next();
                if (!e.retryable() || System.nanoTime() + wait.toNanos() > deadline) {
                    throw e;
                }
                pause(wait);
            }
        }
    }

    /**
     * Polls {@code read} until {@code done} holds for what it returns, with backoff; fails when the resource
     * reports {@code FAILED} or the time is up. The time does not run while the resource reports
     * {@code PREPARING} (the provider bounds that itself). Returns the last observation.
     */
    static Optional<Observed> waitFor(ParticleType type, String stack, String name, Outcome first,
                                      Predicate<Optional<Observed>> done, Duration timeout, Consumer<String> progress) {
        if (first instanceof Outcome.Done d && d.result() != null && done.test(Optional.of(d.result()))) {
            return Optional.of(d.result());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff backoff = new Backoff(POLL_BASE, POLL_CAP);
        if (first instanceof Outcome.InProgress p) {
            pause(p.pollAfter());
        }
        String said = "";
        while (true) {
            Optional<Observed> now = withRetry(() -> type.read(stack, name), timeout);
            if (done.test(now)) {
                return now;
            }
            if (now.isPresent() && now.get().status() == Observed.Status.FAILED) {
                throw new JitiException(now.get().message().isEmpty() ? "failed" : now.get().message());
            }
            String message = now.map(Observed::message).orElse("");
            if (!message.isEmpty() && !message.equals(said)) {
                progress.accept(message);
                said = message;
            }
            if (now.isPresent() && now.get().status() == Observed.Status.PREPARING) {
                deadline = System.nanoTime() + timeout.toNanos(); // the clock starts once it is prepared
            } else if (System.nanoTime() > deadline) {
                throw new JitiException("timed out after " + pretty(timeout)
                        + (message.isEmpty() ? "" : " (last status: " + message + ")"));
            }
            pause(backoff.next());
        }
    }

    static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JitiException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new JitiException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    static String pretty(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JitiException("interrupted", e);
        }
    }
}

package io.jiti.testkit;

/**
 * A failure to inject into the in-memory provider.
 *
 * @param particle  the particle it hits
 * @param operation {@code create}, {@code update}, {@code delete}, {@code start}, {@code stop} or {@code list}
 * @param times     how many calls fail before calls succeed again
 * @param retryable whether the error says a retry may succeed
 */
public record Failure(String particle, String operation, int times, boolean retryable) {
}

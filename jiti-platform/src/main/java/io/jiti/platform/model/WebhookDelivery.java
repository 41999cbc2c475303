package io.jiti.platform.model;

import java.time.Instant;

/**
 * One push that reached delivery, by webhook or by polling, and what became of it.
 *
 * @param id       its row id
 * @param service  the service
 * @param via      {@code github}, {@code gitlab} or {@code poll}
 * @param delivery the host's delivery id ({@code X-GitHub-Delivery}, {@code webhook-id}), or null
 * @param branch   the branch, or null
 * @param commit   the commit, or null
 * @param result   {@code accepted}, {@code duplicate}, {@code ignored} or {@code rejected}
 * @param reason   why, in a sentence
 * @param at       when
 */
public record WebhookDelivery(long id, String service, String via, String delivery, String branch, String commit,
                              String result, String reason, Instant at) {
}

package io.jiti.platform.model;

import java.time.Instant;

/**
 * One change (or refused attempt), as the append-only audit log keeps it.
 *
 * @param id     its number, increasing
 * @param at     when
 * @param actor  who
 * @param action what ({@code template.publish}, {@code instance.create}, …)
 * @param target what it was done to
 * @param result {@code ok}, {@code denied} or {@code failed}
 * @param detail more, in a sentence (never a secret)
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String result, String detail) {
}

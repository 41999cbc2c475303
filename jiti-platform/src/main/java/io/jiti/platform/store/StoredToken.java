package io.jiti.platform.store;

import java.time.Instant;

/**
 * A token as kept: its hash, never itself.
 *
 * @param id      its public id
 * @param user    whose it is
 * @param hash    SHA-256 of the token, hex
 * @param created when it was issued
 * @param expires when it stops working
 * @param revoked whether it was revoked
 */
public record StoredToken(String id, String user, String hash, Instant created, Instant expires, boolean revoked) {
}

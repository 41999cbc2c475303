package io.jiti.platform.model;

import java.time.Instant;

/**
 * A token as just issued: the only time its secret exists outside its holder's hands.
 *
 * @param id      its public id (for listing and revoking)
 * @param user    whose it is
 * @param secret  the token itself, shown once; only its hash is kept
 * @param expires when it stops working
 */
public record IssuedToken(String id, String user, String secret, Instant expires) {

    @Override
    public String toString() {
        return "IssuedToken[id=" + id + ", user=" + user + ", expires=" + expires + "]";
    }
}

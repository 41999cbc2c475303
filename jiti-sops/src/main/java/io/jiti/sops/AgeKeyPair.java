package io.jiti.sops;

/**
 * An age X25519 key pair as text: the identity ({@code AGE-SECRET-KEY-1…}), which decrypts and is a secret,
 * and its recipient ({@code age1…}), which encrypts and is public.
 *
 * @param identity  the secret half
 * @param recipient the public half
 */
public record AgeKeyPair(String identity, String recipient) {

    /** The recipient only: the identity never reaches a log. */
    @Override
    public String toString() {
        return "AgeKeyPair[recipient=" + recipient + "]";
    }
}

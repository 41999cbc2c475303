package io.jiti.gitops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies that a webhook delivery came from the git host that knows the service's secret, over the request's
 * raw bytes (never a re-serialized body), comparing in constant time.
 */
public final class Webhooks {
    /** How far a signed GitLab delivery's timestamp may be from now. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private Webhooks() {
    }

    /**
     * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of {@code body} keyed
     * with {@code secret}. False for a missing or malformed header.
     */
    public static boolean gitHubSignatureValid(String secret, byte[] body, String header) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring("sha256=".length()).strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret.getBytes(StandardCharsets.UTF_8), body), given);
    }

    /** GitLab's {@code X-Gitlab-Token}: the secret itself, compared in constant time (also in length). */
    public static boolean gitLabTokenValid(String secret, String header) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret), sha256(header));
    }

    /**
     * GitLab's signed form (Standard Webhooks): {@code webhook-signature} holds space-separated
     * {@code v1,BASE64} entries, each an HMAC-SHA256 of {@code ID.TIMESTAMP.BODY} keyed with the signing
     * token (the bytes after {@code whsec_}, Base64-decoded, or the token's UTF-8 bytes); the timestamp
     * (seconds) must be within {@link #TOLERANCE} of {@code now}, so a captured delivery cannot be replayed later.
     */
    public static boolean gitLabSignatureValid(String signingToken, String id, String timestamp, byte[] body,
                                               String header, Instant now) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        byte[] key = signingToken.startsWith("whsec_")
                ? Base64.getDecoder().decode(signingToken.substring("whsec_".length()))
                : signingToken.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        byte[] expected = hmac(key, signed);
        boolean any = false;
        for (String entry : header.strip().split("\\s+")) {
            if (entry.startsWith("v1,")) {
                try {
                    any |= MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(3)));
                } catch (IllegalArgumentException e) {
                    // a malformed entry matches nothing
                }
            }
        }
        return any;
    }

    /** The hex HMAC-SHA256 header GitHub would send for {@code body}: for tests and for senders. */
    public static String gitHubSignature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

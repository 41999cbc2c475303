package io.jiti.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Computes the signatures of a signed streaming body ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}):
 * each chunk is signed over the previous signature (the request's own signature for the first chunk), the
 * hash of an empty string and the hash of the chunk's data; the trailing headers, when the body has
 * them, over the last chunk's signature and the hash of the trailers as {@code name:value\n} lines in
 * name order. With the signing key, date and scope of the request.
 *
 * @param key      the request's signing key
 * @param amzDate  its {@code X-Amz-Date}
 * @param scope    its credential scope ({@code DATE/REGION/s3/aws4_request})
 * @param seed     its signature
 * @param trailer  whether the body ends with signed trailing headers
 */
record ChunkSigner(byte[] key, String amzDate, String scope, String seed, boolean trailer) {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** The signature a chunk whose data hashes to {@code dataSha256} must carry after {@code previous}. */
    String chunk(String previous, byte[] dataSha256) {
        return sign("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n" + EMPTY_SHA256
                + "\n" + HexFormat.of().formatHex(dataSha256));
    }

    /** The signature of the trailing headers, given as their canonical {@code name:value\n} lines. */
    String trailers(String previous, String canonicalTrailers) {
        return sign("AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                + HexFormat.of().formatHex(SigV4Verifier.sha256(canonicalTrailers)));
    }

    /** Whether {@code given} (hex, as sent) equals {@code expected}, in constant time. */
    static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String text) {
        return HexFormat.of().formatHex(SigV4Verifier.hmac(key, text));
    }
}

package io.jiti.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Malformed signing inputs in bulk against the real server: a correctly signed PUT with one or two of its
 * signing inputs (signed headers, x-amz headers, presign query, chunk framing and signatures) replaced by
 * odd values. Every answer
 * must be a 4xx S3 error (never a 500), and nothing may be stored.
 */
class S3SigningFuzzIT {
    private static final Credentials KEYS = new Credentials("AKJITIFUZZ", "fuzz-secret-access-key", "fuzz-admin");
    private static final List<String> FIELDS = List.of("authorization", "x-amz-date", "x-amz-content-sha256",
            "x-amz-decoded-content-length", "content-encoding", "x-amz-trailer", "query", "body");
    private static Path root;
    private static S3Server server;

    @BeforeContainer
    static void start() throws IOException {
        root = Files.createTempDirectory("s3-fuzz");
        server = S3Server.start(0, root, "media", "us-east-1", KEYS, "the-data-key-of-the-fuzzed-bucket-0123");
    }

    @AfterContainer
    static void stop() throws IOException {
        assertThat(server.keys()).as("objects stored by malformed requests").isZero();
        server.close();
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One replacement: a field of the request and its new value. */
    record Mutation(String field, String value) {
    }

    @Provide
    Arbitrary<String> odd() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=", "AWS4-HMAC-SHA256 ,,,==",
                        "AWS4-HMAC-SHA256 Credential=AKJITIFUZZ/20260101/us-east-1/s3/aws4_request,SignedHeaders=,Signature=",
                        "AWS AKJITIFUZZ:c2lnbmF0dXJl", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
                        "UNSIGNED-PAYLOAD", "9223372036854775807", "-1", "0", "99999999T999999Z", "20260230T250000Z",
                        "x-amz-checksum-crc32", "aws-chunked", "%", "%zz", "%E0%A4%A", "\u00ff\u00fe", "a;b;c",
                        "X-Amz-Expires=9223372036854775807&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00",
                        "X-Amz-Credential=a%2Fb&X-Amz-Date=20260101T000000Z&X-Amz-Expires=1&X-Amz-SignedHeaders=host"
                                + "&X-Amz-Signature=0&X-Amz-Algorithm=AWS4-HMAC-SHA256",
                        "ffffffffffffffff;chunk-signature=00\r\n", "10;chunk-signature=\r\nabc\r\n0\r\n\r\n",
                        "0;chunk-signature=" + "0".repeat(64) + "\r\nx-amz-trailer-signature:00\r\n\r\n"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300),
                Arbitraries.strings().withChars("0123456789abcdef;=-\r\n").ofMaxLength(120),
                Arbitraries.longs().map(n -> Long.toString(n)));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(FIELDS), odd()).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(2);
    }

    @Property(tries = 400)
    void malformedSigningInputsAreA4xxAndStoreNothing(@ForAll("mutations") List<Mutation> mutations,
            @ForAll boolean streaming) throws IOException {
        RawS3 raw = new RawS3(server.port(), KEYS);
        String data = "fuzzed body";
        RawS3.Req put;
        if (streaming) {
            String zero = "0".repeat(64);
            byte[] body = (Integer.toHexString(data.length()) + ";chunk-signature=" + zero + "\r\n" + data + "\r\n0;chunk-signature="
                    + zero + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            put = raw.signedPut("/media/fuzz", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", body,
                    Map.of("content-encoding", "aws-chunked", "x-amz-decoded-content-length", Integer.toString(data.length())));
        } else {
            byte[] body = data.getBytes(StandardCharsets.US_ASCII);
            put = raw.signedPut("/media/fuzz", HexFormat.of().formatHex(SigV4Verifier.sha256(data)), body, Map.of());
        }
        for (Mutation m : mutations) {
            switch (m.field()) {
                case "query" -> {
                    Assume.that(!SigV4Verifier.pairs(m.value()).isEmpty()); // "?" or "&" alone is no query at all
                    Assume.that(m.value().chars().noneMatch(c -> c == ' ' || c == '\r' || c == '\n' || c == '#'));
                    put.query = m.value();
                }
                case "body" -> {
                    Assume.that(!m.value().equals(new String(put.body, StandardCharsets.ISO_8859_1)));
                    put.body = m.value().getBytes(StandardCharsets.ISO_8859_1);
                    put.headers.put("content-length", Integer.toString(put.body.length));
                }
                default -> {
                    Assume.that(!m.value().equals(put.headers.get(m.field())));
                    // a header S3 does not require signed (content-encoding) may be added unsigned, as in S3
                    Assume.that(put.headers.containsKey(m.field()) || m.field().startsWith("x-amz-"));
                    Assume.that(m.value().chars().noneMatch(c -> c == '\r' || c == '\n'));
                    put.headers.put(m.field(), m.value());
                }
            }
        }
        RawS3.Answer answer = raw.exchange(put);
        assertThat(answer.status()).as("%s -> %s", mutations, answer.body()).isBetween(400, 499);
    }
}

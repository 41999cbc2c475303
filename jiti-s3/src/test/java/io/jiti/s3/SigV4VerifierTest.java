package io.jiti.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWS's published Signature Version 4 example for S3 (GET Object with a range), and ways to break it. */
class SigV4VerifierTest {
    private static final Credentials AWS_EXAMPLE = new Credentials("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "admin-token");
    private static final Instant SIGNED_AT = Instant.parse("2013-05-24T00:00:00Z");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static SignedRequest getObject(String path, String signature) {
        return new SignedRequest("GET", path, null, Map.of(
                "host", List.of("examplebucket.s3.amazonaws.com"),
                "range", List.of("bytes=0-9"),
                "x-amz-content-sha256", List.of(EMPTY_SHA256),
                "x-amz-date", List.of("20130524T000000Z"),
                "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                        + "aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + signature)));
    }

    private static final String EXAMPLE_SIGNATURE = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    @Test
    void acceptsTheDocumentedExample() {
        Verdict v = new SigV4Verifier(AWS_EXAMPLE, "us-east-1").verify(getObject("/test.txt", EXAMPLE_SIGNATURE), SIGNED_AT);
        assertInstanceOf(Verdict.Allowed.class, v);
    }

    @Test
    void refusesATamperedPath() {
        Verdict v = new SigV4Verifier(AWS_EXAMPLE, "us-east-1").verify(getObject("/other.txt", EXAMPLE_SIGNATURE), SIGNED_AT);
        assertEquals("SignatureDoesNotMatch", ((Verdict.Denied) v).code());
    }

    @Test
    void refusesAnotherSecret() {
        Credentials other = new Credentials(AWS_EXAMPLE.accessKeyId(), "another-secret", "t");
        Verdict v = new SigV4Verifier(other, "us-east-1").verify(getObject("/test.txt", EXAMPLE_SIGNATURE), SIGNED_AT);
        assertEquals("SignatureDoesNotMatch", ((Verdict.Denied) v).code());
    }

    @Test
    void refusesAnotherAccessKeyId() {
        Credentials other = new Credentials("AKIDOTHER", AWS_EXAMPLE.secretAccessKey(), "t");
        Verdict v = new SigV4Verifier(other, "us-east-1").verify(getObject("/test.txt", EXAMPLE_SIGNATURE), SIGNED_AT);
        assertEquals("InvalidAccessKeyId", ((Verdict.Denied) v).code());
    }

    @Test
    void refusesAnOldSignature() {
        Verdict v = new SigV4Verifier(AWS_EXAMPLE, "us-east-1").verify(getObject("/test.txt", EXAMPLE_SIGNATURE),
                SIGNED_AT.plusSeconds(16 * 60));
        assertEquals("RequestTimeTooSkewed", ((Verdict.Denied) v).code());
    }

    @Test
    void refusesAnUnsignedRequestAndAWrongAdminToken() {
        SigV4Verifier verifier = new SigV4Verifier(AWS_EXAMPLE, "us-east-1");
        Verdict unsigned = verifier.verify(new SignedRequest("GET", "/", null, Map.of()), SIGNED_AT);
        assertEquals("AccessDenied", ((Verdict.Denied) unsigned).code());
        Verdict wrong = verifier.verify(new SignedRequest("GET", "/", null,
                Map.of("x-jiti-admin-token", List.of("guess"))), SIGNED_AT);
        assertEquals("AccessDenied", ((Verdict.Denied) wrong).code());
        Verdict right = verifier.verify(new SignedRequest("GET", "/", null,
                Map.of("x-jiti-admin-token", List.of("admin-token"))), SIGNED_AT);
        assertInstanceOf(Verdict.Allowed.class, right);
    }

    @Test
    void canonicalFormsFollowAwsUriEncoding() {
        assertEquals("/a%20dir/small%2B1.txt", SigV4Verifier.canonicalUri("/a%20dir/small%2B1.txt"));
        assertEquals("/a%20dir/x", SigV4Verifier.canonicalUri("/a dir/x"));
        assertEquals("list-type=2&prefix=a%2Fb", SigV4Verifier.canonicalQuery("prefix=a%2Fb&list-type=2"));
        assertEquals("uploads=", SigV4Verifier.canonicalQuery("uploads"));
        assertEquals("/%F0%9F%93%B7.jpg", SigV4Verifier.canonicalUri("/\uD83D\uDCF7.jpg"));
    }

    /** AWS's published chunked upload example (PUT of 66560 bytes of 'a' in chunks of 65536 and 1024). */
    @Test
    void checksEveryChunkOfTheDocumentedStreamingExample() throws Exception {
        SignedRequest put = new SignedRequest("PUT", "/examplebucket/chunkObject.txt", null, Map.of(
                "host", List.of("s3.amazonaws.com"),
                "x-amz-date", List.of("20130524T000000Z"),
                "x-amz-storage-class", List.of("REDUCED_REDUNDANCY"),
                "x-amz-content-sha256", List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
                "content-encoding", List.of("aws-chunked"),
                "x-amz-decoded-content-length", List.of("66560"),
                "content-length", List.of("66824"),
                "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                        + "aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-decoded-content-length;x-amz-storage-class,Signature="
                        + "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")));
        Verdict v = new SigV4Verifier(AWS_EXAMPLE, "us-east-1").verify(put, SIGNED_AT);
        ChunkSigner signer = ((Verdict.Allowed) v).chunks();
        String body = "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n"
                + "a".repeat(65536) + "\r\n"
                + "400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n"
                + "a".repeat(1024) + "\r\n"
                + "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n";
        byte[] data = new AwsChunkedInputStream(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)),
                signer).readAllBytes();
        assertEquals(66560, data.length);
        String zeroed = body.replace("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648", "0".repeat(64));
        S3Error e = org.junit.jupiter.api.Assertions.assertThrows(S3Error.class, () -> new AwsChunkedInputStream(
                new java.io.ByteArrayInputStream(zeroed.getBytes(StandardCharsets.US_ASCII)), signer).readAllBytes());
        assertEquals("SignatureDoesNotMatch", e.code());
        String unsigned = body.replaceAll(";chunk-signature=[0-9a-f]{64}", "");
        e = org.junit.jupiter.api.Assertions.assertThrows(S3Error.class, () -> new AwsChunkedInputStream(
                new java.io.ByteArrayInputStream(unsigned.getBytes(StandardCharsets.US_ASCII)), signer).readAllBytes());
        assertEquals(403, e.status());
    }

    private static SignedRequest withPayload(String payload) {
        Map<String, List<String>> h = new java.util.HashMap<>(getObject("/test.txt", EXAMPLE_SIGNATURE).headers());
        if (payload == null) {
            h.remove("x-amz-content-sha256");
        } else {
            h.put("x-amz-content-sha256", List.of(payload));
        }
        return new SignedRequest("GET", "/test.txt", null, h);
    }

    @Test
    void onlyTheDocumentedPayloadHashesAreAccepted() {
        SigV4Verifier verifier = new SigV4Verifier(AWS_EXAMPLE, "us-east-1");
        for (String bad : List.of("anything", "STREAMING-ANYTHING", "e3b0c442", "UNSIGNED-PAYLOAD ", "")) {
            Verdict.Denied d = (Verdict.Denied) verifier.verify(withPayload(bad), SIGNED_AT);
            assertEquals(400, d.status(), bad);
            assertEquals("InvalidArgument", d.code(), bad);
        }
        Verdict.Denied missing = (Verdict.Denied) verifier.verify(withPayload(null), SIGNED_AT);
        assertEquals(400, missing.status());
    }

    private static SignedRequest presigned(String date, String expires) {
        String q = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F" + date.substring(0, 8)
                + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=" + date + "&X-Amz-Expires=" + expires
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + "0".repeat(64);
        return new SignedRequest("GET", "/test.txt", q, Map.of("host", List.of("examplebucket.s3.amazonaws.com")));
    }

    @Test
    void presignedUrlsLiveAtMostSevenDaysAndNeverStartInTheFuture() {
        SigV4Verifier verifier = new SigV4Verifier(AWS_EXAMPLE, "us-east-1");
        for (String expires : List.of("604801", "9223372036854775807", "-1", "0", "1e3", "")) {
            Verdict.Denied d = (Verdict.Denied) verifier.verify(presigned("20130524T000000Z", expires), SIGNED_AT);
            assertEquals(400, d.status(), expires);
            assertEquals("AuthorizationQueryParametersError", d.code(), expires);
        }
        Verdict.Denied future = (Verdict.Denied) verifier.verify(presigned("20130524T001600Z", "60"), SIGNED_AT);
        assertEquals(403, future.status());
        org.assertj.core.api.Assertions.assertThat(future.message()).contains("not valid yet");
        // within bounds, it gets as far as the signature
        Verdict.Denied wrong = (Verdict.Denied) verifier.verify(presigned("20130524T000000Z", "604800"), SIGNED_AT);
        assertEquals("SignatureDoesNotMatch", wrong.code());
    }

    @Test
    void headersAboutTheRequestMustBeSignedAndTheScopeMustFit() {
        SigV4Verifier verifier = new SigV4Verifier(AWS_EXAMPLE, "us-east-1");
        Map<String, List<String>> h = new java.util.HashMap<>(getObject("/test.txt", EXAMPLE_SIGNATURE).headers());
        h.put("x-amz-copy-source", List.of("examplebucket/secret"));
        Verdict.Denied d = (Verdict.Denied) verifier.verify(new SignedRequest("GET", "/test.txt", null, h), SIGNED_AT);
        assertEquals(403, d.status());
        org.assertj.core.api.Assertions.assertThat(d.message()).contains("x-amz-copy-source");
        Verdict.Denied region = (Verdict.Denied) new SigV4Verifier(AWS_EXAMPLE, "eu-west-1")
                .verify(getObject("/test.txt", EXAMPLE_SIGNATURE), SIGNED_AT);
        assertEquals(400, region.status());
        org.assertj.core.api.Assertions.assertThat(region.message()).contains("expecting 'eu-west-1'");
    }
}

package io.jiti.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
        Verdict v = new SigV4Verifier(AWS_EXAMPLE).verify(getObject("/test.txt", EXAMPLE_SIGNATURE), SIGNED_AT);
        assertInstanceOf(Verdict.Allowed.class, v);
    }

    @Test
    void refusesATamperedPath() {
        Verdict v = new SigV4Verifier(AWS_EXAMPLE).verify(getObject("/other.txt", EXAMPLE_SIGNATURE), SIGNED_AT);
        assertEquals("SignatureDoesNotMatch", ((Verdict.Denied) v).code());
    }

    @Test
    void refusesAnotherSecret() {
        Credentials other = new Credentials(AWS_EXAMPLE.accessKeyId(), "another-secret", "t");
        Verdict v = new SigV4Verifier(other).verify(getObject("/test.txt", EXAMPLE_SIGNATURE), SIGNED_AT);
        assertEquals("SignatureDoesNotMatch", ((Verdict.Denied) v).code());
    }

    @Test
    void refusesAnotherAccessKeyId() {
        Credentials other = new Credentials("AKIDOTHER", AWS_EXAMPLE.secretAccessKey(), "t");
        Verdict v = new SigV4Verifier(other).verify(getObject("/test.txt", EXAMPLE_SIGNATURE), SIGNED_AT);
        assertEquals("InvalidAccessKeyId", ((Verdict.Denied) v).code());
    }

    @Test
    void refusesAnOldSignature() {
        Verdict v = new SigV4Verifier(AWS_EXAMPLE).verify(getObject("/test.txt", EXAMPLE_SIGNATURE),
                SIGNED_AT.plusSeconds(16 * 60));
        assertEquals("RequestTimeTooSkewed", ((Verdict.Denied) v).code());
    }

    @Test
    void refusesAnUnsignedRequestAndAWrongAdminToken() {
        SigV4Verifier verifier = new SigV4Verifier(AWS_EXAMPLE);
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
}

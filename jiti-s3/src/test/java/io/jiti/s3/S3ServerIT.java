package io.jiti.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** jiti's S3 server on loopback, used by the AWS SDK for Java v2 (and a plain HTTP client for presigned URLs). */
class S3ServerIT {
    private static final Credentials KEYS = new Credentials("AKJITITEST", "a-secret-access-key", "an-admin-token");
    private static final String DATA_KEY = "the-data-key-of-this-bucket-0123456789";
    @TempDir
    Path root;
    private S3Server server;
    private S3Client s3;

    @BeforeEach
    void start() throws IOException {
        server = S3Server.start(0, root, "media", "us-east-1", KEYS, DATA_KEY);
        s3 = client(KEYS.secretAccessKey());
    }

    @AfterEach
    void stop() {
        s3.close();
        server.close();
    }

    private S3Client client(String secret) {
        return S3Client.builder().region(Region.US_EAST_1).forcePathStyle(true)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEYS.accessKeyId(), secret)))
                .build();
    }

    @Test
    void multipartUploadsJoinTheirPartsAndRangesReadAcrossThem() {
        byte[] first = new byte[5 << 20];
        byte[] last = new byte[1000];
        new Random(1).nextBytes(first);
        new Random(2).nextBytes(last);
        String id = s3.createMultipartUpload(b -> b.bucket("media").key("big.bin").checksumAlgorithm(ChecksumAlgorithm.CRC32))
                .uploadId();
        String e1 = s3.uploadPart(b -> b.bucket("media").key("big.bin").uploadId(id).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(first)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket("media").key("big.bin").uploadId(id).partNumber(2)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(last)).eTag();
        // parts must exist, and all but the last be 5 MiB at least, as in S3
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("media").key("big.bin").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(3).eTag(e2).build()))))
                .isInstanceOf(S3Exception.class).hasMessageContaining("Part 3 could not be found");
        String small = s3.createMultipartUpload(b -> b.bucket("media").key("small.bin")).uploadId();
        String s1 = s3.uploadPart(b -> b.bucket("media").key("small.bin").uploadId(small).partNumber(1),
                RequestBody.fromBytes(last)).eTag();
        String s2 = s3.uploadPart(b -> b.bucket("media").key("small.bin").uploadId(small).partNumber(2),
                RequestBody.fromBytes(last)).eTag();
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("media").key("small.bin").uploadId(small)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(s1).build(),
                        CompletedPart.builder().partNumber(2).eTag(s2).build()))))
                .isInstanceOf(S3Exception.class).hasMessageContaining("smaller than the minimum allowed size");
        s3.abortMultipartUpload(b -> b.bucket("media").key("small.bin").uploadId(small));
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket("media").key("small.bin").uploadId(small).partNumber(3),
                RequestBody.fromBytes(last))).isInstanceOf(S3Exception.class).hasMessageContaining("does not exist");
        String etag = s3.completeMultipartUpload(b -> b.bucket("media").key("big.bin").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build()))).eTag();
        assertThat(etag).endsWith("-2\"");

        byte[] whole = s3.getObjectAsBytes(b -> b.bucket("media").key("big.bin")).asByteArray();
        assertThat(whole).hasSize(first.length + last.length);
        assertThat(Arrays.equals(whole, 0, first.length, first, 0, first.length)).isTrue();
        assertThat(Arrays.equals(whole, first.length, whole.length, last, 0, last.length)).isTrue();
        int from = first.length - 10;
        byte[] across = s3.getObjectAsBytes(b -> b.bucket("media").key("big.bin")
                .range("bytes=" + from + "-" + (from + 19))).asByteArray();
        assertThat(across).isEqualTo(Arrays.copyOfRange(whole, from, from + 20));
        assertThat(s3.headObject(b -> b.bucket("media").key("big.bin")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void copiesListsAndDeletesLikeS3() {
        List<String> keys = List.of("a b+c.txt", "dir/one", "dir/two", "zürich", "z~tilde");
        for (String k : keys) {
            s3.putObject(b -> b.bucket("media").key(k).metadata(Map.of("origin", "test")), RequestBody.fromString(k));
        }
        s3.copyObject(b -> b.sourceBucket("media").sourceKey("dir/one").destinationBucket("media").destinationKey("copy"));
        assertThat(s3.headObject(b -> b.bucket("media").key("copy")).metadata()).containsEntry("origin", "test");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("media").key("copy")).asUtf8String()).isEqualTo("dir/one");

        List<String> listed = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket("media").maxKeys(2).encodingType(EncodingType.URL))
                .contents().forEach(o -> listed.add(o.key()));
        assertThat(listed).containsExactly("a b+c.txt", "copy", "dir/one", "dir/two", "z~tilde", "zürich");
        assertThat(s3.listObjectsV2(b -> b.bucket("media").delimiter("/")).commonPrefixes())
                .extracting(p -> p.prefix()).containsExactly("dir/");

        s3.deleteObjects(b -> b.bucket("media").delete(Delete.builder().objects(
                ObjectIdentifier.builder().key("dir/one").build(), ObjectIdentifier.builder().key("dir/two").build()).build()));
        assertThat(s3.listObjectsV2(b -> b.bucket("media").prefix("dir/")).contents()).extracting(S3Object::key).isEmpty();
    }

    @Test
    void presignedUrlsWorkAndTamperedOnesDoNot() throws Exception {
        s3.putObject(b -> b.bucket("media").key("shared.txt"), RequestBody.fromString("shared body"));
        try (S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(KEYS.accessKeyId(), KEYS.secretAccessKey()))).build()) {
            URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("media").key("shared.txt"))).url().toURI();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("shared body");
            URI other = URI.create(url.toString().replace("shared.txt", "other.txt"));
            HttpResponse<String> denied = http.send(HttpRequest.newBuilder(other).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).contains("SignatureDoesNotMatch");
        }
    }

    @Test
    void whatItDoesNotHaveIsSaidNotIgnored() {
        assertThatThrownBy(() -> s3.getBucketAcl(b -> b.bucket("media")))
                .isInstanceOf(S3Exception.class).hasMessageContaining("GET ?acl on a bucket is not implemented")
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(501));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("media").key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromString("x")))
                .isInstanceOf(S3Exception.class).hasMessageContaining("only AES256");
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("elsewhere")))
                .isInstanceOf(S3Exception.class).hasMessageContaining("serves media only");
        try (S3Client wrong = client("not-the-secret")) {
            assertThatThrownBy(() -> wrong.listObjectsV2(b -> b.bucket("media")))
                    .isInstanceOf(S3Exception.class).hasMessageContaining("signature we calculated does not match")
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void objectsOutliveTheServerAndNeedTheirKey() throws IOException {
        s3.putObject(b -> b.bucket("media").key("kept"), RequestBody.fromString("kept body"));
        server.close();
        server = S3Server.start(0, root, "media", "us-east-1", KEYS, DATA_KEY);
        try (S3Client again = client(KEYS.secretAccessKey())) {
            assertThat(again.getObjectAsBytes(b -> b.bucket("media").key("kept")).asString(StandardCharsets.UTF_8))
                    .isEqualTo("kept body");
        }
        server.close();
        server = S3Server.start(0, root, "media", "us-east-1", KEYS, "another-data-key-0123456789abcdefghij");
        try (S3Client other = client(KEYS.secretAccessKey())) {
            assertThatThrownBy(() -> other.getObjectAsBytes(b -> b.bucket("media").key("kept")))
                    .isInstanceOf(S3Exception.class).hasMessageContaining("internal error")
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(500));
        }
    }

    private static byte[] chunked(String data, String first, String last) {
        return (Integer.toHexString(data.length()) + ";chunk-signature=" + first + "\r\n" + data + "\r\n"
                + "0;chunk-signature=" + last + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void chunksWithWrongSignaturesAreRefusedAndNothingIsKept() throws IOException {
        RawS3 raw = new RawS3(server.port(), KEYS);
        String data = "a body that must not be stored";
        String zero = "0".repeat(64);
        RawS3.Req put = raw.signedPut("/media/forged", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", chunked(data, zero, zero),
                Map.of("content-encoding", "aws-chunked", "x-amz-decoded-content-length", Integer.toString(data.length())));
        RawS3.Answer refused = raw.exchange(put);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("SignatureDoesNotMatch").contains("chunk signature");
        assertThat(server.keys()).isZero();
        try (var tmp = java.nio.file.Files.list(root.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
        // the same body with the signatures a client holding the key computes is stored
        String date = put.headers.get("x-amz-date");
        String scope = date.substring(0, 8) + "/us-east-1/s3/aws4_request";
        ChunkSigner signer = new ChunkSigner(SigV4Verifier.signingKey(KEYS.secretAccessKey(), scope), date, scope,
                RawS3.seed(put), false);
        String first = signer.chunk(signer.seed(), SigV4Verifier.sha256(data));
        put.body = chunked(data, first, signer.chunk(first, SigV4Verifier.sha256("")));
        assertThat(raw.send(put)).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("media").key("forged")).asUtf8String()).isEqualTo(data);
    }

    @Test
    void clientsThatNeverFinishTheirRequestsStarveNoOne() throws Exception {
        List<java.net.Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                java.net.Socket sock = new java.net.Socket("127.0.0.1", server.port());
                slow.add(sock);
                // half a request head, or a whole head with a body that never comes
                String text = i % 2 == 0 ? "GET /media/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Da"
                        : "PUT /media/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nabc";
                sock.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
                sock.getOutputStream().flush();
            }
            s3.putObject(b -> b.bucket("media").key("k"), RequestBody.fromString("v"));
            long start = System.nanoTime();
            assertThat(s3.getObjectAsBytes(b -> b.bucket("media").key("k")).asUtf8String()).isEqualTo("v");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        } finally {
            for (java.net.Socket sock : slow) {
                sock.close();
            }
        }
    }

    @Test
    void itBindsAPortOfItsOwnAndProvesWhoItIsBeforeAnythingSecretIsSent() throws Exception {
        Path other = root.resolve("other");
        Path portFile = root.resolve("server.port");
        try (S3Server own = S3Server.start(0, other, "media", "us-east-1", KEYS, DATA_KEY,
                new Identity("per-start-key", portFile))) {
            assertThat(Files.readString(portFile)).isEqualTo(Integer.toString(own.port()));
            HttpResponse<Void> probe = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + own.port() + "/media")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("X-Jiti-Challenge", "nonce-1").build(), HttpResponse.BodyHandlers.discarding());
            assertThat(probe.statusCode()).isEqualTo(403); // unsigned: refused, but proven
            assertThat(probe.headers().firstValue("X-Jiti-Proof")).contains(Identity.proof("per-start-key", "nonce-1"));
            assertThat(Identity.proof("another-key", "nonce-1")).isNotEqualTo(Identity.proof("per-start-key", "nonce-1"));
        }
    }
}

package io.jiti.s3;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * S3's multipart upload: CreateMultipartUpload, UploadPart, CompleteMultipartUpload,
 * AbortMultipartUpload (what the AWS CLI and SDKs use for large objects).
 */
final class MultipartApi {
    private final BucketStore store;
    private final Multipart uploads;
    private final ObjectApi objects;

    MultipartApi(BucketStore store, Multipart uploads, ObjectApi objects) {
        this.store = store;
        this.uploads = uploads;
        this.objects = objects;
    }

    void create(S3Exchange x) throws IOException {
        boolean encrypt = objects.encryption(x);
        Upload u = uploads.create(x.key(), ObjectApi.contentType(x), ObjectApi.stored(x),
                x.headersStartingWith("x-amz-meta-"), BodyReader.requestedChecksum(x::header), encrypt);
        Map<String, String> h = new LinkedHashMap<>();
        if (encrypt) {
            h.put("x-amz-server-side-encryption", "AES256");
        }
        if (u.checksum() != null) {
            h.put("x-amz-checksum-algorithm", u.checksum());
        }
        x.xml(200, h, Xml.document("InitiateMultipartUploadResult").el("Bucket", store.config().name())
                .el("Key", x.key()).el("UploadId", u.id()).end("InitiateMultipartUploadResult"));
    }

    void uploadPart(S3Exchange x) throws IOException {
        if (x.header("x-amz-copy-source") != null) {
            throw S3Error.notImplemented("UploadPartCopy");
        }
        Upload u = uploads.get(x.key(), x.query().get("uploadId"));
        int number = partNumber(x.query().get("partNumber"));
        BucketStore.Checked body = store.stage(x.reader(), Multipart.partOwner(u, number),
                u.encrypt());
        Received got = body.received();
        Part p = uploads.putPart(u, number, body.staged(), got);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ETag", ObjectApi.quoted(p.etag()));
        if (u.encrypt()) {
            h.put("x-amz-server-side-encryption", "AES256");
        }
        got.checksums().forEach((a, v) -> h.put(a.header(), v));
        x.respond(200, h, null, null);
    }

    void complete(S3Exchange x) throws IOException {
        Upload u = uploads.get(x.key(), x.query().get("uploadId"));
        Element root = Xml.parse(x.smallBody(4 << 20));
        List<Map.Entry<Integer, String>> listed = Xml.children(root, "Part").stream()
                .map(p -> (Map.Entry<Integer, String>) new AbstractMap.SimpleEntry<>(
                        partNumber(Xml.text(p, "PartNumber")), String.valueOf(Xml.text(p, "ETag"))))
                .toList();
        ObjectVersion v = uploads.complete(u, listed);
        Map<String, String> h = new LinkedHashMap<>();
        if (store.config().versioned()) {
            h.put("x-amz-version-id", v.versionId());
        }
        if (v.encrypted()) {
            h.put("x-amz-server-side-encryption", "AES256");
        }
        Xml xml = Xml.document("CompleteMultipartUploadResult")
                .el("Location", "/" + store.config().name() + "/" + SigV4Verifier.encode(x.key(), false))
                .el("Bucket", store.config().name()).el("Key", x.key()).el("ETag", ObjectApi.quoted(v.etag()));
        v.checksums().forEach((a, value) -> xml.el(ChecksumAlgorithm.valueOf(a).xmlName(), value));
        x.xml(200, h, xml.end("CompleteMultipartUploadResult"));
    }

    void abort(S3Exchange x) throws IOException {
        uploads.abort(uploads.get(x.key(), x.query().get("uploadId")));
        x.respond(204, Map.of(), null, null);
    }

    private static int partNumber(String s) {
        try {
            int n = Integer.parseInt(s == null ? "" : s.trim());
            if (n >= 1 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive (got '" + s + "')");
    }
}

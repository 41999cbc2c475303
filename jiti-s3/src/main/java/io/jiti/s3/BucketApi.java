package io.jiti.s3;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * S3's bucket operations on the one bucket: HeadBucket, GetBucketLocation, Get/PutBucketVersioning,
 * Get/Put/DeleteBucketEncryption, ListObjects (v1 and v2), ListObjectVersions, DeleteObjects, ListBuckets.
 */
final class BucketApi {
    private static final String OWNER_ID = "6a697469";
    private final BucketStore store;
    private final String region;

    BucketApi(BucketStore store, String region) {
        this.store = store;
        this.region = region;
    }

    void listBuckets(S3Exchange x) throws IOException {
        BucketConfig c = store.config();
        x.xml(200, Map.of(), Xml.document("ListAllMyBucketsResult")
                .open("Owner").el("ID", OWNER_ID).el("DisplayName", "jiti").close("Owner")
                .open("Buckets").open("Bucket").el("Name", c.name())
                .el("CreationDate", S3Exchange.isoDate(c.created())).el("BucketRegion", region).close("Bucket")
                .close("Buckets").end("ListAllMyBucketsResult"));
    }

    void head(S3Exchange x) throws IOException {
        x.respond(200, Map.of("x-amz-bucket-region", region), null, null);
    }

    void location(S3Exchange x) throws IOException {
        String constraint = region.equals("us-east-1") ? null : region;
        x.xml(200, Map.of(), Xml.document("LocationConstraint").text(constraint == null ? "" : constraint)
                .end("LocationConstraint"));
    }

    void getVersioning(S3Exchange x) throws IOException {
        x.xml(200, Map.of(), Xml.document("VersioningConfiguration").el("Status", store.config().versioning())
                .end("VersioningConfiguration"));
    }

    void putVersioning(S3Exchange x) throws IOException {
        String status = Xml.text(Xml.parse(x.smallBody(64 * 1024)), "Status");
        if (!"Enabled".equals(status) && !"Suspended".equals(status)) {
            throw S3Error.malformedXml("Status must be Enabled or Suspended");
        }
        store.configure(store.config().withVersioning(status));
        x.respond(200, Map.of(), null, null);
    }

    void getEncryption(S3Exchange x) throws IOException {
        if (!store.config().encryption()) {
            throw new S3Error(404, "ServerSideEncryptionConfigurationNotFoundError",
                    "The server side encryption configuration was not found.");
        }
        x.xml(200, Map.of(), Xml.document("ServerSideEncryptionConfiguration").open("Rule")
                .open("ApplyServerSideEncryptionByDefault").el("SSEAlgorithm", "AES256")
                .close("ApplyServerSideEncryptionByDefault").el("BucketKeyEnabled", false).close("Rule")
                .end("ServerSideEncryptionConfiguration"));
    }

    void putEncryption(S3Exchange x) throws IOException {
        Element root = Xml.parse(x.smallBody(64 * 1024));
        List<Element> rules = Xml.children(root, "Rule");
        List<Element> defaults = rules.isEmpty() ? List.of() : Xml.children(rules.get(0), "ApplyServerSideEncryptionByDefault");
        String algorithm = defaults.isEmpty() ? null : Xml.text(defaults.get(0), "SSEAlgorithm");
        if (algorithm == null) {
            throw S3Error.malformedXml("Rule/ApplyServerSideEncryptionByDefault/SSEAlgorithm is required");
        }
        if (!algorithm.equals("AES256")) {
            throw S3Error.notImplemented("SSEAlgorithm " + algorithm + " (only AES256, SSE-S3, is available)");
        }
        store.configure(store.config().withEncryption(true));
        x.respond(200, Map.of(), null, null);
    }

    void deleteEncryption(S3Exchange x) throws IOException {
        store.configure(store.config().withEncryption(false));
        x.respond(204, Map.of(), null, null);
    }

    /** ListObjectsV2 ({@code list-type=2}) or ListObjects. */
    void list(S3Exchange x) throws IOException {
        Map<String, String> q = x.query();
        boolean v2 = "2".equals(q.get("list-type"));
        String token = q.get("continuation-token");
        String after = v2 ? (token != null ? fromToken(token) : q.get("start-after")) : q.get("marker");
        ListQuery lq = ListQuery.of(q, after, null);
        Listing page = Listing.objects(store, lq);
        Xml xml = Xml.document("ListBucketResult").el("Name", store.config().name()).el("Prefix", lq.out(lq.prefix()));
        if (v2) {
            xml.el("ContinuationToken", token).el("StartAfter", lq.out(q.get("start-after")))
                    .el("KeyCount", page.entries().size() + page.prefixes().size())
                    .el("NextContinuationToken", page.truncated() ? toToken(page.nextKey()) : null);
        } else {
            xml.el("Marker", lq.out(q.getOrDefault("marker", "")))
                    .el("NextMarker", page.truncated() ? lq.out(page.nextKey()) : null);
        }
        xml.el("MaxKeys", lq.maxKeys()).el("Delimiter", lq.delimiter().isEmpty() ? null : lq.out(lq.delimiter()))
                .el("EncodingType", lq.urlEncoded() ? "url" : null).el("IsTruncated", page.truncated());
        for (Listing.Entry e : page.entries()) {
            ObjectVersion v = e.version();
            xml.open("Contents").el("Key", lq.out(e.key())).el("LastModified", S3Exchange.isoDate(v.lastModified()))
                    .el("ETag", ObjectApi.quoted(v.etag())).el("Size", v.size());
            v.checksums().keySet().forEach(a -> xml.el("ChecksumAlgorithm", a));
            xml.el("StorageClass", "STANDARD");
            if (!v2 || "true".equals(q.get("fetch-owner"))) {
                xml.open("Owner").el("ID", OWNER_ID).el("DisplayName", "jiti").close("Owner");
            }
            xml.close("Contents");
        }
        commonPrefixes(xml, page, lq);
        x.xml(200, Map.of(), xml.end("ListBucketResult"));
    }

    void listVersions(S3Exchange x) throws IOException {
        Map<String, String> q = x.query();
        ListQuery lq = ListQuery.of(q, q.get("key-marker"), q.get("version-id-marker"));
        Listing page = Listing.versions(store, lq);
        Xml xml = Xml.document("ListVersionsResult").el("Name", store.config().name()).el("Prefix", lq.out(lq.prefix()))
                .el("KeyMarker", lq.out(q.getOrDefault("key-marker", "")))
                .el("VersionIdMarker", q.getOrDefault("version-id-marker", ""))
                .el("NextKeyMarker", page.truncated() ? lq.out(page.nextKey()) : null)
                .el("NextVersionIdMarker", page.truncated() ? page.nextVersion() : null)
                .el("MaxKeys", lq.maxKeys()).el("Delimiter", lq.delimiter().isEmpty() ? null : lq.out(lq.delimiter()))
                .el("EncodingType", lq.urlEncoded() ? "url" : null).el("IsTruncated", page.truncated());
        for (Listing.Entry e : page.entries()) {
            ObjectVersion v = e.version();
            String element = v.deleteMarker() ? "DeleteMarker" : "Version";
            xml.open(element).el("Key", lq.out(e.key())).el("VersionId", v.versionId()).el("IsLatest", e.latest())
                    .el("LastModified", S3Exchange.isoDate(v.lastModified()));
            if (!v.deleteMarker()) {
                xml.el("ETag", ObjectApi.quoted(v.etag())).el("Size", v.size()).el("StorageClass", "STANDARD");
            }
            xml.open("Owner").el("ID", OWNER_ID).el("DisplayName", "jiti").close("Owner").close(element);
        }
        commonPrefixes(xml, page, lq);
        x.xml(200, Map.of(), xml.end("ListVersionsResult"));
    }

    /** DeleteObjects: up to 1000 keys (and versions) in one request. */
    void deleteObjects(S3Exchange x) throws IOException {
        Element root = Xml.parse(x.smallBody(2 << 20));
        boolean quiet = "true".equals(Xml.text(root, "Quiet"));
        List<Element> objects = Xml.children(root, "Object");
        if (objects.size() > 1000) {
            throw S3Error.malformedXml("at most 1000 objects per request");
        }
        Xml xml = Xml.document("DeleteResult");
        for (Element o : objects) {
            List<Element> keys = Xml.children(o, "Key");
            if (keys.isEmpty()) {
                throw S3Error.malformedXml("Object without Key");
            }
            String key = keys.get(0).getTextContent();
            String versionId = Xml.text(o, "VersionId");
            ObjectVersion gone = store.delete(key, versionId);
            if (quiet) {
                continue;
            }
            xml.open("Deleted").el("Key", key).el("VersionId", versionId);
            if (gone != null && gone.deleteMarker() && store.config().versioned()) {
                xml.el("DeleteMarker", true).el("DeleteMarkerVersionId", gone.versionId());
            }
            xml.close("Deleted");
        }
        x.xml(200, new LinkedHashMap<>(), xml.end("DeleteResult"));
    }

    private static void commonPrefixes(Xml xml, Listing page, ListQuery lq) {
        for (String p : page.prefixes()) {
            xml.open("CommonPrefixes").el("Prefix", lq.out(p)).close("CommonPrefixes");
        }
    }

    private static String toToken(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String fromToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Error.invalidArgument("The continuation token provided is incorrect");
        }
    }
}

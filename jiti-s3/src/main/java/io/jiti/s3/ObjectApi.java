package io.jiti.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** S3's object operations: PutObject, CopyObject, GetObject, HeadObject, DeleteObject. */
final class ObjectApi {
    /** Request headers S3 stores with an object and gives back on GET. */
    static final List<String> STORED = List.of("cache-control", "content-disposition", "content-encoding",
            "content-language", "expires");
    private final BucketStore store;

    ObjectApi(BucketStore store) {
        this.store = store;
    }

    void put(S3Exchange x) throws IOException {
        boolean encrypt = encryption(x);
        BucketStore.Checked body = store.stage(x.reader(), x.key(), encrypt);
        Received got = body.received();
        ObjectVersion v = store.put(x.key(), body.staged(), new ObjectVersion(null, false, System.currentTimeMillis(),
                got.size(), got.etag(), contentType(x), stored(x), x.headersStartingWith("x-amz-meta-"),
                got.checksumsByName(), body.staged().dataFile(), encrypt));
        Map<String, String> h = written(v);
        got.checksums().forEach((a, value) -> h.put(a.header(), value));
        x.respond(200, h, null, null);
    }

    void copy(S3Exchange x) throws IOException {
        String source = x.header("x-amz-copy-source");
        String[] parts = source.split("\\?", 2);
        String path = SigV4Verifier.decode(parts[0].startsWith("/") ? parts[0].substring(1) : parts[0]);
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw S3Error.invalidArgument("x-amz-copy-source must be BUCKET/KEY[?versionId=ID]");
        }
        if (!path.substring(0, slash).equals(store.config().name())) {
            throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist (this endpoint serves "
                    + store.config().name() + " only).");
        }
        String sourceKey = path.substring(slash + 1);
        String sourceVersion = parts.length < 2 ? null : SigV4Verifier.pairs(parts[1]).stream()
                .filter(kv -> kv[0].equals("versionId")).map(kv -> kv[1]).findFirst().orElse(null);
        ObjectVersion src = store.find(sourceKey, sourceVersion);
        if (src == null || src.deleteMarker()) {
            throw S3Error.noSuchKey();
        }
        boolean replace = "REPLACE".equalsIgnoreCase(x.header("x-amz-metadata-directive"));
        if (sourceKey.equals(x.key()) && !replace && x.header("x-amz-server-side-encryption") == null) {
            throw new S3Error(400, "InvalidRequest", "This copy request is illegal because it is trying to copy "
                    + "an object to itself without changing the object's metadata or encryption attributes.");
        }
        boolean encrypt = encryption(x);
        MessageDigest md5 = md5();
        Staged staged;
        try (SeekableByteChannel in = store.open(sourceKey, src);
                InputStream plain = new DigestInputStream(Channels.newInputStream(in), md5)) {
            staged = store.stage(plain, x.key(), encrypt);
        }
        Map<String, String> sums = src.checksums().entrySet().stream().anyMatch(e -> e.getValue().contains("-"))
                ? Map.of() : src.checksums();
        ObjectVersion v = store.put(x.key(), staged, new ObjectVersion(null, false, System.currentTimeMillis(),
                src.size(), HexFormat.of().formatHex(md5.digest()), replace ? contentType(x) : src.contentType(),
                replace ? stored(x) : src.headers(), replace ? x.headersStartingWith("x-amz-meta-") : src.metadata(),
                sums, staged.dataFile(), encrypt));
        Map<String, String> h = written(v);
        if (!src.versionId().equals(ObjectVersion.NULL_VERSION)) {
            h.put("x-amz-copy-source-version-id", src.versionId());
        }
        x.xml(200, h, Xml.document("CopyObjectResult").el("ETag", quoted(v.etag()))
                .el("LastModified", S3Exchange.isoDate(v.lastModified())).end("CopyObjectResult"));
    }

    /** GetObject and HeadObject. */
    void get(S3Exchange x) throws IOException {
        String versionId = x.query().get("versionId");
        ObjectVersion v = store.find(x.key(), versionId);
        if (v == null) {
            throw versionId == null ? S3Error.noSuchKey()
                    : new S3Error(404, "NoSuchVersion", "The specified version does not exist.");
        }
        if (v.deleteMarker()) {
            S3Error e = versionId == null ? S3Error.noSuchKey()
                    : new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against a delete marker.");
            throw e.with("x-amz-delete-marker", "true").with("x-amz-version-id", v.versionId());
        }
        Map<String, String> h = described(v);
        if (Conditions.notModified(x, v)) {
            x.respond(304, h, null, null);
            return;
        }
        ByteRange range = ByteRange.parse(x.header("Range"), v.size());
        if ("ENABLED".equalsIgnoreCase(x.header("x-amz-checksum-mode")) && range == null) {
            v.checksums().forEach((a, value) -> {
                h.put(ChecksumAlgorithm.valueOf(a).header(), value);
                h.put("x-amz-checksum-type", value.contains("-") ? "COMPOSITE" : "FULL_OBJECT");
            });
        }
        for (String name : STORED) {
            String override = x.query().get("response-" + name);
            if (override != null) {
                h.put(name, override);
            }
        }
        if (x.query().get("response-content-type") != null) {
            h.put("Content-Type", x.query().get("response-content-type"));
        }
        long offset = range == null ? 0 : range.first();
        long length = range == null ? v.size() : range.length();
        if (range != null) {
            h.put("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + v.size());
        }
        if (x.method().equals("HEAD")) {
            x.stream(range == null ? 200 : 206, h, null, offset, length);
            return;
        }
        try (SeekableByteChannel data = store.open(x.key(), v)) {
            x.stream(range == null ? 200 : 206, h, data, offset, length);
        }
    }

    void delete(S3Exchange x) throws IOException {
        ObjectVersion gone = store.delete(x.key(), x.query().get("versionId"));
        Map<String, String> h = new LinkedHashMap<>();
        if (gone != null && store.config().versioned()) {
            h.put("x-amz-version-id", gone.versionId());
            if (gone.deleteMarker()) {
                h.put("x-amz-delete-marker", "true");
            }
        }
        x.respond(204, h, null, null);
    }

    /** Whether the object goes to disk encrypted: as the request asks, else as the bucket says. */
    boolean encryption(S3Exchange x) {
        if (x.header("x-amz-server-side-encryption-customer-algorithm") != null) {
            throw S3Error.notImplemented("SSE-C (customer-provided keys)");
        }
        String sse = x.header("x-amz-server-side-encryption");
        if (sse == null) {
            return store.config().encryption();
        }
        if (!sse.equals("AES256")) {
            throw S3Error.notImplemented("Server-side encryption '" + sse + "' (only AES256, SSE-S3, is available)");
        }
        return true;
    }

    static String contentType(S3Exchange x) {
        String type = x.header("Content-Type");
        return type == null || type.isBlank() ? "binary/octet-stream" : type;
    }

    static Map<String, String> stored(S3Exchange x) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : STORED) {
            String value = x.header(name);
            if (name.equals("content-encoding") && value != null) {
                value = String.join(",", java.util.Arrays.stream(value.split(",")).map(String::trim)
                        .filter(e -> !e.isEmpty() && !e.toLowerCase(Locale.ROOT).equals("aws-chunked")).toList());
            }
            if (value != null && !value.isEmpty()) {
                out.put(name, value);
            }
        }
        return out;
    }

    /** Headers of a write's answer. */
    private Map<String, String> written(ObjectVersion v) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ETag", quoted(v.etag()));
        if (store.config().versioned()) {
            h.put("x-amz-version-id", v.versionId());
        }
        if (v.encrypted()) {
            h.put("x-amz-server-side-encryption", "AES256");
        }
        return h;
    }

    /** Headers that describe a stored version (GET, HEAD). */
    private Map<String, String> described(ObjectVersion v) {
        Map<String, String> h = written(v);
        h.put("Last-Modified", S3Exchange.httpDate(v.lastModified()));
        h.put("Content-Type", v.contentType());
        h.put("Accept-Ranges", "bytes");
        h.putAll(v.headers());
        v.metadata().forEach((k, value) -> h.put("x-amz-meta-" + k, value));
        return h;
    }

    static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

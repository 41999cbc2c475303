package io.jiti.s3;

import java.util.Map;

/**
 * One version of an object (or a delete marker), as kept in its history file.
 *
 * @param versionId    S3's version id; {@code "null"} for the one version of an unversioned bucket
 * @param deleteMarker whether this version is a delete marker (no data)
 * @param lastModified when it was written, epoch milliseconds
 * @param size         its length in bytes (plaintext)
 * @param etag         its ETag without quotes (hex MD5, or MD5 of the parts' MD5s and {@code -N})
 * @param contentType  its content type
 * @param headers      the other stored HTTP headers (lower-case names: cache-control, content-disposition…)
 * @param metadata     user metadata ({@code x-amz-meta-} names without the prefix)
 * @param checksums    additional checksums by algorithm name, base64
 * @param dataFile     the file holding its bytes, in the object's directory; null for a delete marker
 * @param encrypted    whether that file is sealed
 */
record ObjectVersion(String versionId, boolean deleteMarker, long lastModified, long size, String etag,
        String contentType, Map<String, String> headers, Map<String, String> metadata,
        Map<String, String> checksums, String dataFile, boolean encrypted) {

    static final String NULL_VERSION = "null";

    ObjectVersion {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        checksums = checksums == null ? Map.of() : Map.copyOf(checksums);
    }

    /** A delete marker with {@code versionId}. */
    static ObjectVersion marker(String versionId, long now) {
        return new ObjectVersion(versionId, true, now, 0, null, null, null, null, null, null, false);
    }

    /** The same version under another id. */
    ObjectVersion withVersionId(String id) {
        return new ObjectVersion(id, deleteMarker, lastModified, size, etag, contentType, headers, metadata,
                checksums, dataFile, encrypted);
    }
}

package io.jiti.s3;

import java.util.HexFormat;
import java.util.Map;

/**
 * A request body as it arrived and passed its checks.
 *
 * @param size      its length in bytes
 * @param md5       its MD5 (an object's ETag)
 * @param checksums the additional checksums computed for it (the ones the client asked for), base64
 */
record Received(long size, byte[] md5, Map<ChecksumAlgorithm, String> checksums) {

    Received {
        checksums = Map.copyOf(checksums);
    }

    /** The checksums by algorithm name, as stored. */
    Map<String, String> checksumsByName() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        checksums.forEach((a, v) -> out.put(a.name(), v));
        return out;
    }

    /** The ETag of a single-part object: its MD5 in hex. */
    String etag() {
        return HexFormat.of().formatHex(md5);
    }
}

package io.jiti.s3;

import java.util.Map;

/**
 * One uploaded part of a multipart upload.
 *
 * @param number    its part number (1-10000)
 * @param etag      its ETag without quotes: its MD5 in hex (the object's ETag is made from these)
 * @param size      its length in bytes
 * @param checksums its additional checksums by algorithm name, base64
 * @param dataFile  the file holding it
 * @param encrypted whether that file is sealed
 * @param modified  when it arrived, epoch milliseconds
 */
record Part(int number, String etag, long size, Map<String, String> checksums, String dataFile,
        boolean encrypted, long modified) {
}

package io.jiti.s3;

import java.util.Map;

/**
 * A multipart upload in progress: what the final object will carry.
 *
 * @param id          the upload id
 * @param key         the object key
 * @param initiated   when it was created, epoch milliseconds
 * @param contentType the object's content type
 * @param headers     its other stored headers
 * @param metadata    its user metadata
 * @param checksum    the checksum algorithm of its parts, or null
 * @param encrypt     whether parts and object are encrypted at rest
 */
record Upload(String id, String key, long initiated, String contentType, Map<String, String> headers,
        Map<String, String> metadata, String checksum, boolean encrypt) {
}

package io.jiti.s3;

import java.util.List;
import java.util.Map;

/**
 * The parts of an HTTP request that AWS Signature Version 4 covers, as they arrived.
 *
 * @param method   the HTTP method
 * @param rawPath  the path as sent (percent-encoded)
 * @param rawQuery the query string as sent, or null
 * @param headers  header values by lower-case name
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {

    /** The first value of a header, or null. */
    String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

package io.jiti.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request S3 would refuse: the HTTP status and S3's error code go back to the client as S3's XML
 * error document. Messages never hold a secret.
 */
final class S3Error extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    S3Error(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Headers that go with the error (e.g. {@code x-amz-delete-marker}). */
    Map<String, String> headers() {
        return headers;
    }

    S3Error with(String header, String value) {
        headers.put(header, value);
        return this;
    }

    static S3Error noSuchKey() {
        return new S3Error(404, "NoSuchKey", "The specified key does not exist.");
    }

    static S3Error invalidArgument(String message) {
        return new S3Error(400, "InvalidArgument", message);
    }

    static S3Error malformedXml(String message) {
        return new S3Error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate: "
                + message);
    }

    static S3Error badDigest(String what) {
        return new S3Error(400, "BadDigest", "The " + what + " you specified did not match the calculated checksum.");
    }

    static S3Error notImplemented(String what) {
        return new S3Error(501, "NotImplemented", what + " is not implemented by jiti's local S3 server.");
    }
}

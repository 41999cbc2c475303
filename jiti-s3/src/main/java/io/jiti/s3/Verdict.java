package io.jiti.s3;

/** The outcome of checking a request's signature. */
public sealed interface Verdict {

    /** The request is signed with the expected credentials. */
    record Allowed() implements Verdict {
    }

    /**
     * It is not; {@code code} is S3's error code ({@code AccessDenied}, {@code InvalidAccessKeyId},
     * {@code SignatureDoesNotMatch}, {@code RequestTimeTooSkewed}, {@code AuthorizationHeaderMalformed}).
     *
     * @param code    S3's error code
     * @param message what is wrong, without any secret
     */
    record Denied(String code, String message) implements Verdict {
    }
}

package io.jiti.s3;

/** The outcome of checking a request's signature. */
public sealed interface Verdict {

    /**
     * The request is signed with the expected credentials.
     *
     * @param chunks what must sign each chunk of its {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}
     *               body, or null when the body is not a signed stream
     */
    record Allowed(ChunkSigner chunks) implements Verdict {
    }

    /**
     * It is not.
     *
     * @param status  the HTTP status: 400 for a malformed request, 403 for one signed wrongly or not at all
     * @param code    S3's error code ({@code AccessDenied}, {@code InvalidAccessKeyId},
     *                {@code SignatureDoesNotMatch}, {@code RequestTimeTooSkewed},
     *                {@code AuthorizationHeaderMalformed}, {@code AuthorizationQueryParametersError},
     *                {@code InvalidArgument}, {@code InvalidRequest})
     * @param message what is wrong, without any secret
     */
    record Denied(int status, String code, String message) implements Verdict {

        /** A 403. */
        static Denied forbidden(String code, String message) {
            return new Denied(403, code, message);
        }

        /** A 400. */
        static Denied malformed(String code, String message) {
            return new Denied(400, code, message);
        }
    }
}

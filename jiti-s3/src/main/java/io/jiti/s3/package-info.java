/**
 * jiti's S3 server for the local provider's {@code bucket}: one bucket per process ({@link io.jiti.s3.S3Main},
 * {@link io.jiti.s3.S3Server}), path-style, AWS Signature Version 4 ({@link io.jiti.s3.SigV4Verifier}),
 * versioning, multipart uploads, and objects encrypted at rest with a streaming AEAD.
 */
package io.jiti.s3;

package io.jiti.s3;

/**
 * The bucket's own settings, kept in {@code bucket.json}.
 *
 * @param name       the bucket name
 * @param created    creation time, epoch milliseconds
 * @param versioning {@code Enabled}, {@code Suspended} or null (never configured), as S3 reports it
 * @param encryption whether new objects are encrypted at rest by default
 */
record BucketConfig(String name, long created, String versioning, boolean encryption) {

    BucketConfig withVersioning(String status) {
        return new BucketConfig(name, created, status, encryption);
    }

    BucketConfig withEncryption(boolean on) {
        return new BucketConfig(name, created, versioning, on);
    }

    boolean versioned() {
        return versioning != null;
    }
}

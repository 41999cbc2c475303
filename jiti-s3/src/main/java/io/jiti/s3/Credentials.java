package io.jiti.s3;

import java.util.Map;

/**
 * The one key pair a bucket's server accepts.
 *
 * @param accessKeyId     the public half
 * @param secretAccessKey the signing secret; never logged
 * @param adminToken      what the jiti agent sends in {@code X-Jiti-Admin-Token} to manage the bucket
 *                        (versioning) without signing; never logged
 */
public record Credentials(String accessKeyId, String secretAccessKey, String adminToken) {

    /**
     * From {@code JITI_S3_ACCESS_KEY_ID}, {@code JITI_S3_SECRET_ACCESS_KEY} and {@code JITI_S3_ADMIN_TOKEN};
     * all are required.
     */
    public static Credentials fromEnvironment(Map<String, String> env) {
        String id = env.get("JITI_S3_ACCESS_KEY_ID");
        String secret = env.get("JITI_S3_SECRET_ACCESS_KEY");
        String admin = env.get("JITI_S3_ADMIN_TOKEN");
        if (blank(id) || blank(secret) || blank(admin)) {
            throw new IllegalStateException(
                    "JITI_S3_ACCESS_KEY_ID, JITI_S3_SECRET_ACCESS_KEY and JITI_S3_ADMIN_TOKEN must be set");
        }
        return new Credentials(id, secret, admin);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "Credentials[" + accessKeyId + ", (secret), (admin token)]";
    }
}

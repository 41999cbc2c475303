package io.jiti.kubernetes;

import java.util.regex.Pattern;

/**
 * How a secret output appears outside the cluster: {@code jiti-secret:STACK/SECRET/KEY}, a reference that
 * plans, status and exports may show; in a pod it becomes a {@code secretKeyRef} to key KEY of the Secret
 * SECRET, so the value is never in a manifest.
 */
record SecretRef(String stack, String secret, String key) {
    static final Pattern PATTERN = Pattern.compile("jiti-secret:([a-z][a-z0-9-]*)/([a-z0-9][a-z0-9.-]*)/([A-Za-z]+)");

    @Override
    public String toString() {
        return "jiti-secret:" + stack + "/" + secret + "/" + key;
    }
}

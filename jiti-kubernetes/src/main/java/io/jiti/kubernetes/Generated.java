package io.jiti.kubernetes;

import io.jiti.spi.ProviderException;
import java.security.SecureRandom;
import java.util.Map;

/** A secret value as a {@code secret} spec asks for it: generated from its alphabet, or from a variable. */
final class Generated {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> ALPHABETS = Map.of(
            "alphanumeric", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "hex", "0123456789abcdef",
            "base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            "printable", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%&*+,-./:;<=>?@[]^_{|}~");

    private Generated() {
    }

    /** The value for {@code spec} of particle {@code name}; {@code env} is where {@code fromEnv} reads. */
    static String value(String name, Map<String, Object> spec, Map<String, String> env) {
        Object from = spec.get("fromEnv");
        if (from != null) {
            String v = env.get(String.valueOf(from));
            if (v == null) {
                throw new ProviderException("secret " + name + ": the environment variable " + from
                        + " (fromEnv) is not set", false);
            }
            return v;
        }
        return random(Manifests.integer(spec, "length", 32), Manifests.text(spec, "alphabet", "alphanumeric"));
    }

    static String random(int length, String alphabet) {
        String chars = ALPHABETS.getOrDefault(alphabet, ALPHABETS.get("alphanumeric"));
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return sb.toString();
    }
}

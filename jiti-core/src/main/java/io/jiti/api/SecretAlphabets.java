package io.jiti.api;

import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeSet;

/**
 * The alphabets a generated secret value is drawn from (the {@code secret} type's {@code alphabet}), the same
 * on every provider, and the generator that draws from them.
 */
public final class SecretAlphabets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> ALPHABETS = Map.of(
            "alphanumeric", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "hex", "0123456789abcdef",
            "base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            "printable", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%+,-./:=?@^_~");

    private SecretAlphabets() {
    }

    /**
     * {@code length} characters drawn at random (a {@link SecureRandom}) from the alphabet {@code name}.
     *
     * @throws JitiException for an alphabet that does not exist, naming those that do
     */
    public static String random(String name, int length) {
        String alphabet = ALPHABETS.get(name);
        if (alphabet == null) {
            throw new JitiException("unknown alphabet " + name + " (allowed: "
                    + String.join(", ", new TreeSet<>(ALPHABETS.keySet())) + ")");
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}

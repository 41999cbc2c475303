package io.jiti.sops;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value as SOPS writes it: {@code ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]}, the ciphertext, the IV
 * (32 bytes), the GCM tag (16 bytes), each in standard Base64, and the value's type ({@code str},
 * {@code int}, {@code float}, {@code bool}; SOPS also writes {@code bytes}, {@code time} and
 * {@code comment}).
 */
record EncryptedValue(byte[] data, byte[] iv, byte[] tag, String type) {
    private static final Pattern FORM = Pattern.compile(
            "^ENC\\[AES256_GCM,data:(.*),iv:(.+),tag:(.+),type:(.+)]$", Pattern.DOTALL);

    /** {@code text} as an encrypted value; empty when it does not have the form (or its Base64 is bad). */
    static Optional<EncryptedValue> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Base64.Decoder d = Base64.getDecoder();
            return Optional.of(new EncryptedValue(d.decode(m.group(1)), d.decode(m.group(2)), d.decode(m.group(3)),
                    m.group(4)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The form SOPS writes. */
    String format() {
        Base64.Encoder e = Base64.getEncoder();
        return "ENC[AES256_GCM,data:" + e.encodeToString(data) + ",iv:" + e.encodeToString(iv) + ",tag:"
                + e.encodeToString(tag) + ",type:" + type + "]";
    }
}

package io.jiti.sops;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which values of a file are encrypted, as SOPS's metadata says: by default all of them; a key (anywhere
 * on a value's path) ending with {@code unencryptedSuffix} or matching {@code unencryptedRegex} leaves it in
 * the clear; when {@code encryptedSuffix} or {@code encryptedRegex} is set, only the values under a key
 * that has it are encrypted. Blank means unset.
 */
record EncryptionRules(String unencryptedSuffix, String encryptedSuffix, String unencryptedRegex,
                       String encryptedRegex) {

    /** Every value encrypted: what jiti writes. */
    static final EncryptionRules ALL = new EncryptionRules("", "", "", "");

    /** Whether the value at {@code path} is (to be) encrypted. */
    boolean encrypts(List<String> path) {
        boolean encrypted = true;
        if (!unencryptedSuffix.isEmpty() && path.stream().anyMatch(k -> k.endsWith(unencryptedSuffix))) {
            encrypted = false;
        }
        if (!encryptedSuffix.isEmpty()) {
            encrypted = path.stream().anyMatch(k -> k.endsWith(encryptedSuffix));
        }
        if (!unencryptedRegex.isEmpty() && path.stream().anyMatch(k -> find(unencryptedRegex, k))) {
            encrypted = false;
        }
        if (!encryptedRegex.isEmpty()) {
            encrypted = path.stream().anyMatch(k -> find(encryptedRegex, k));
        }
        return encrypted;
    }

    private static boolean find(String regex, String key) {
        return Pattern.compile(regex).matcher(key).find();
    }
}

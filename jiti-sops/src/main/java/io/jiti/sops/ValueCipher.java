package io.jiti.sops;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over one value, as SOPS does it: a 32-byte random IV, the value's path in the tree as
 * additional data ({@code key:subkey:}), the 16-byte tag kept apart from the ciphertext.
 */
final class ValueCipher {
    /** SOPS's IV length (GCM takes any; SOPS uses 32 bytes). */
    static final int IV_BYTES = 32;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ValueCipher() {
    }

    /** A fresh IV. */
    static byte[] newIv() {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        return iv;
    }

    /** A fresh data key (256 bits). */
    static byte[] newDataKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** {@code plain} (the value's bytes, of SOPS type {@code type}) encrypted under {@code key} with {@code iv}. */
    static EncryptedValue encrypt(byte[] plain, String type, byte[] key, byte[] iv, String aad) {
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, key, iv, aad);
            byte[] out = c.doFinal(plain);
            int split = out.length - TAG_BITS / 8;
            return new EncryptedValue(Arrays.copyOf(out, split), iv, Arrays.copyOfRange(out, split, out.length), type);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM failed: " + e.getMessage(), e);
        }
    }

    /**
     * The plaintext bytes of {@code value}; throws {@link AEADBadTagException} when the key, the path or the
     * ciphertext is not the one it was encrypted with.
     */
    static byte[] decrypt(EncryptedValue value, byte[] key, String aad) throws AEADBadTagException {
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, key, value.iv(), aad);
            return c.doFinal(ByteBuffer.allocate(value.data().length + value.tag().length)
                    .put(value.data()).put(value.tag()).array());
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new AEADBadTagException("cannot decrypt: " + e.getMessage());
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, String aad) throws GeneralSecurityException {
        if (iv.length == 0) {
            throw new AEADBadTagException("empty IV");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD(aad.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return c;
    }
}

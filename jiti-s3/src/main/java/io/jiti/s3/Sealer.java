package io.jiti.s3;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Encryption at rest: objects are sealed with a streaming AEAD (AES-256-GCM, keys per object derived with
 * HKDF-SHA256, 64 KiB segments; Tink), so that a range can be read by decrypting only the segments it
 * touches. The associated data binds a file to the object it belongs to: a file moved under another key
 * does not decrypt.
 */
final class Sealer {
    private final StreamingAead aead;

    /** A sealer whose key is derived from {@code secret} (the bucket's data key; never logged). */
    Sealer(String secret) {
        try {
            byte[] ikm = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            AesGcmHkdfStreamingParameters params = AesGcmHkdfStreamingParameters.builder()
                    .setKeySizeBytes(32)
                    .setDerivedAesGcmKeySizeBytes(32)
                    .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                    .setCiphertextSegmentSizeBytes(64 * 1024)
                    .build();
            this.aead = AesGcmHkdfStreaming.create(AesGcmHkdfStreamingKey.create(params,
                    SecretBytes.copyFrom(ikm, InsecureSecretKeyAccess.get())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up encryption: " + e.getMessage(), e);
        }
    }

    /** Plaintext written to the result reaches {@code out} sealed; close the result to finish. */
    OutputStream seal(OutputStream out, String binding) throws IOException {
        try {
            return aead.newEncryptingStream(out, binding.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt: " + e.getMessage(), e);
        }
    }

    /** The plaintext of a sealed file, seekable. */
    SeekableByteChannel open(Path file, String binding) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return aead.newSeekableDecryptingChannel(channel, binding.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IOException e) {
            channel.close();
            throw new IOException("cannot decrypt " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}

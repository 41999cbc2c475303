package io.jiti.local.agent;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

/**
 * Secret values at rest: each value encrypted with AES-256-GCM (Tink AEAD) under a key kept in an
 * owner-only file of the agent's home, bound to its stack, particle and key as associated data so a
 * ciphertext cannot be moved to another secret. Values are only ever decrypted to hand them to a process.
 * Thread-safe.
 */
final class SecretStore {
    private final Home home;
    private Aead aead;

    SecretStore(Home home) {
        this.home = home;
    }

    /** The key, opened (or made) on first use: a restarted agent needs it only to start a process. */
    private synchronized Aead aead() {
        if (aead == null) {
            try {
                AeadConfig.register();
                aead = keyset(home.secretKey()).getPrimitive(RegistryConfiguration.get(), Aead.class);
            } catch (GeneralSecurityException | IOException e) {
                throw new JitiException("cannot open the secret key " + home.secretKey() + ": " + e.getMessage(), e);
            }
        }
        return aead;
    }

    private static KeysetHandle keyset(Path file) throws GeneralSecurityException, IOException {
        if (Files.exists(file)) {
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file, StandardCharsets.UTF_8),
                    InsecureSecretKeyAccess.get());
        }
        KeysetHandle h = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        DurableFiles.writeAtomically(file, TinkJsonProtoKeysetFormat.serializeKeyset(h, InsecureSecretKeyAccess.get()));
        return h;
    }

    /** Stores (or replaces) a value. */
    synchronized void put(String stack, String name, String key, String value) {
        try {
            byte[] sealed = aead().encrypt(value.getBytes(StandardCharsets.UTF_8), context(stack, name, key));
            DurableFiles.writeAtomically(file(stack, name, key), Base64.getEncoder().encodeToString(sealed));
        } catch (GeneralSecurityException | IOException e) {
            throw new JitiException("cannot store secret " + stack + "/" + name + "/" + key + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** Whether a value is stored (without decrypting it). */
    boolean has(String stack, String name, String key) {
        return Files.exists(file(stack, name, key));
    }

    /** The value, if one is stored. */
    synchronized Optional<String> get(String stack, String name, String key) {
        Path f = file(stack, name, key);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(Files.readString(f, StandardCharsets.UTF_8).trim());
            return Optional.of(new String(aead().decrypt(sealed, context(stack, name, key)), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new JitiException("cannot read secret " + stack + "/" + name + "/" + key
                    + " (was the key file " + home.secretKey() + " replaced?)", e);
        }
    }

    /** Forgets every value of a particle. */
    synchronized void delete(String stack, String name) {
        try {
            DurableFiles.deleteTree(home.secrets(stack).resolve(name));
        } catch (IOException e) {
            throw new JitiException("cannot delete the secrets of " + stack + "/" + name + ": " + e.getMessage(), e);
        }
    }

    private Path file(String stack, String name, String key) {
        return home.secrets(stack).resolve(name).resolve(key + ".sealed");
    }

    private static byte[] context(String stack, String name, String key) {
        return (stack + "/" + name + "/" + key).getBytes(StandardCharsets.UTF_8);
    }
}

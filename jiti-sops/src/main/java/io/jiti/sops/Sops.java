package io.jiti.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;

/**
 * Decrypts and encrypts SOPS files with age recipients, following SOPS's format: each value encrypted with
 * AES-256-GCM under one data key, its path as additional data; the data key wrapped for each recipient; a
 * MAC (SHA-512 over the values in the clear, in order) encrypted under the data key with the time of
 * writing as additional data, so that a value changed, moved or removed without the data key is found.
 */
public final class Sops {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** SHA-256 of "sops": the MAC's start when it covers only encrypted values (SOPS's constant). */
    private static final byte[] MAC_ONLY_ENCRYPTED_START = HexFormat.of()
            .parseHex("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

    private Sops() {
    }

    /** {@code values} encrypted for {@code recipients} under a new data key, written at {@code now}. */
    public static SopsFile encrypt(ObjectNode values, List<String> recipients, Instant now) {
        return encrypt(values, recipients, ValueCipher.newDataKey(), Map.of(), EncryptionRules.ALL, false, now);
    }

    /**
     * {@code file} decrypted with one of {@code identities}, its MAC checked; {@code label} names the file in
     * errors. Throws {@link SopsException} when no identity opens it, a value does not decrypt or the MAC
     * does not match.
     */
    public static Opened decrypt(SopsFile file, Identities identities, String label) {
        if (identities.keys().isEmpty()) {
            throw new SopsException(label, "no age identity to decrypt it with: " + Identities.whereToPut());
        }
        byte[] key = Age.unwrap(file.metadata().age(), identities.keys()).orElseThrow(() -> new SopsException(label,
                "none of your identities (" + String.join(", ", identities.recipients()) + ", from "
                        + String.join(", ", identities.sources()) + ") is a recipient of it (it is encrypted for "
                        + String.join(", ", file.metadata().recipients()) + "); someone who can open it must add "
                        + "your recipient and rotate the file"));
        SopsMetadata meta = file.metadata();
        MessageDigest mac = sha512(meta.macOnlyEncrypted());
        Map<String, byte[]> ivs = new HashMap<>();
        ObjectNode plain = TreeWalk.map(file.data(), (value, path) -> {
            boolean encrypted = meta.rules().encrypts(path);
            JsonNode clear = encrypted ? open(value, path, key, label, ivs) : value;
            if (!meta.macOnlyEncrypted() || encrypted) {
                mac.update(Leaf.of(clear).bytes());
            }
            return clear;
        });
        String computed = HexFormat.of().withUpperCase().formatHex(mac.digest());
        String stored;
        try {
            stored = EncryptedValue.parse(meta.mac()).map(v -> decryptText(v, key, meta.lastModified())).orElse("");
        } catch (IllegalStateException e) {
            stored = "";
        }
        if (!MessageDigest.isEqual(stored.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                computed.getBytes(StandardCharsets.US_ASCII))) {
            throw new SopsException(label, "MAC mismatch: its values were changed without its data key (tampered "
                    + "with, or edited by hand); nothing was decrypted for use. Restore it from git, or write it "
                    + "with 'jiti config set' or sops");
        }
        return new Opened(plain, key, ivs, file);
    }

    static SopsFile encrypt(ObjectNode values, List<String> recipients, byte[] key, Map<String, byte[]> ivs,
                            EncryptionRules rules, boolean macOnlyEncrypted, Instant now) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipient to encrypt for");
        }
        MessageDigest mac = sha512(macOnlyEncrypted);
        ObjectNode data = TreeWalk.map(values, (value, path) -> {
            boolean encrypted = rules.encrypts(path);
            Leaf leaf = Leaf.of(value);
            if (!macOnlyEncrypted || encrypted) {
                mac.update(leaf.bytes());
            }
            if (!encrypted || leaf.bytes().length == 0 && leaf.type().equals("str")) {
                return value;
            }
            String aad = aad(path);
            byte[] iv = ivs.getOrDefault(stashKey(aad, leaf), ValueCipher.newIv());
            return TextNode.valueOf(ValueCipher.encrypt(leaf.bytes(), leaf.type(), key, iv, aad).format());
        });
        String lastModified = RFC3339.format(now.truncatedTo(ChronoUnit.SECONDS));
        String macText = ValueCipher.encrypt(HexFormat.of().withUpperCase().formatHex(mac.digest())
                .getBytes(StandardCharsets.US_ASCII), "str", key, ValueCipher.newIv(), lastModified).format();
        return new SopsFile(data, new SopsMetadata(Age.wrap(key, recipients), lastModified, macText, rules,
                macOnlyEncrypted, SopsMetadata.VERSION), List.of());
    }

    private static JsonNode open(JsonNode value, List<String> path, byte[] key, String label, Map<String, byte[]> ivs) {
        String where = String.join(".", path);
        if (value.isTextual() && value.asText().isEmpty()) {
            return value;
        }
        EncryptedValue ev = value.isTextual() ? EncryptedValue.parse(value.asText()).orElse(null) : null;
        if (ev == null) {
            throw new SopsException(label, "the value of " + where + " is not encrypted (ENC[AES256_GCM,…]); it was "
                    + "edited by hand: set it with 'jiti config set' instead");
        }
        String aad = aad(path);
        try {
            JsonNode clear = Leaf.node(ValueCipher.decrypt(ev, key, aad), ev.type());
            ivs.put(stashKey(aad, Leaf.of(clear)), ev.iv());
            return clear;
        } catch (AEADBadTagException e) {
            throw new SopsException(label, "the value of " + where + " does not decrypt: it was changed without the "
                    + "data key (tampered with, moved or damaged); restore the file from git");
        } catch (IllegalArgumentException e) {
            throw new SopsException(label, "the value of " + where + " is not a valid " + ev.type() + " value");
        }
    }

    private static String decryptText(EncryptedValue v, byte[] key, String aad) {
        try {
            return new String(ValueCipher.decrypt(v, key, aad), StandardCharsets.US_ASCII);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the MAC does not decrypt");
        }
    }

    /** The additional data of a value: its path, each key followed by a colon. */
    private static String aad(List<String> path) {
        return String.join(":", path) + ":";
    }

    private static String stashKey(String aad, Leaf leaf) {
        return aad + '\u0000' + leaf.type() + '\u0000' + Base64.getEncoder().encodeToString(leaf.bytes());
    }

    private static MessageDigest sha512(boolean macOnlyEncrypted) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            if (macOnlyEncrypted) {
                d.update(MAC_ONLY_ENCRYPTED_START);
            }
            return d;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }
}

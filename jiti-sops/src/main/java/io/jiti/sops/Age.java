package io.jiti.sops;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.armor.ArmoredEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519KeyFactory;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * age X25519 keys and the wrapping of a data key for recipients, as SOPS does it: the data key is the
 * plaintext of one armored age file per recipient. Built on jagged, a maintained age implementation.
 */
public final class Age {
    /** What a recipient looks like (Bech32, lower case); its checksum is checked when it is used. */
    static final Pattern RECIPIENT = Pattern.compile("age1[02-9ac-hj-np-z]{58}");
    /** What an identity looks like (Bech32, upper case). */
    static final Pattern IDENTITY = Pattern.compile("AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}");

    private Age() {
    }

    /** A new X25519 key pair. */
    public static AgeKeyPair generate() {
        try {
            KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
            return new AgeKeyPair(pair.getPrivate().toString(), pair.getPublic().toString());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is not available in this JVM", e);
        }
    }

    /** The recipient of {@code identity}; empty when it is not a valid age X25519 identity. */
    public static Optional<String> recipientOf(String identity) {
        if (!IDENTITY.matcher(identity).matches()) {
            return Optional.empty();
        }
        try {
            var key = new X25519KeyFactory().translateKey(
                    new SecretKeySpec(identity.getBytes(StandardCharsets.US_ASCII), "X25519"));
            return Optional.of(key.toString());
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code recipient} is a valid age X25519 recipient (form and checksum). */
    public static boolean isRecipient(String recipient) {
        if (!RECIPIENT.matcher(recipient).matches()) {
            return false;
        }
        try {
            X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code dataKey} wrapped for each recipient, in their order. */
    static List<AgeStanza> wrap(byte[] dataKey, List<String> recipients) {
        List<AgeStanza> out = new ArrayList<>();
        for (String r : recipients) {
            ByteArrayOutputStream armored = new ByteArrayOutputStream();
            try (WritableByteChannel ch = new ArmoredEncryptingChannelFactory().newEncryptingChannel(
                    Channels.newChannel(armored), List.of(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(r)))) {
                ch.write(ByteBuffer.wrap(dataKey));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalArgumentException("cannot encrypt to recipient " + r + ": " + e.getMessage(), e);
            }
            out.add(new AgeStanza(r, armored.toString(StandardCharsets.US_ASCII)));
        }
        return out;
    }

    /** The data key, from the first stanza one of {@code identities} opens; empty when none does. */
    static Optional<byte[]> unwrap(List<AgeStanza> stanzas, List<String> identities) {
        List<RecipientStanzaReader> readers = new ArrayList<>();
        for (String id : identities) {
            try {
                readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(id));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // not a usable identity: Identities reports those when it reads them
            }
        }
        if (readers.isEmpty()) {
            return Optional.empty();
        }
        for (AgeStanza s : stanzas) {
            byte[] armored = s.enc().getBytes(StandardCharsets.US_ASCII);
            try (ReadableByteChannel ch = new ArmoredDecryptingChannelFactory().newDecryptingChannel(
                    Channels.newChannel(new ByteArrayInputStream(armored)), readers);
                 InputStream in = Channels.newInputStream(ch)) {
                return Optional.of(in.readAllBytes());
            } catch (GeneralSecurityException | IOException | RuntimeException e) {
                // not for any identity we hold (or damaged): try the next stanza
            }
        }
        return Optional.empty();
    }
}

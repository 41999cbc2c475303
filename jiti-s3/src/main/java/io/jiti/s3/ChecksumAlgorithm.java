package io.jiti.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The additional checksums of S3 ({@code x-amz-checksum-*}), each computed over the object's bytes. */
enum ChecksumAlgorithm {
    CRC32(() -> crc(new CRC32(), 4)),
    CRC32C(() -> crc(new CRC32C(), 4)),
    CRC64NVME(() -> crc(new Crc64Nvme(), 8)),
    SHA1(() -> digest("SHA-1")),
    SHA256(() -> digest("SHA-256"));

    private final Supplier<Hasher> hasher;

    ChecksumAlgorithm(Supplier<Hasher> hasher) {
        this.hasher = hasher;
    }

    /** The header that carries it, e.g. {@code x-amz-checksum-crc32}. */
    String header() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The element name in S3's XML, e.g. {@code ChecksumCRC32}. */
    String xmlName() {
        return "Checksum" + name();
    }

    Hasher newHasher() {
        return hasher.get();
    }

    /** The algorithm named {@code name} (any case, e.g. from {@code x-amz-sdk-checksum-algorithm}). */
    static Optional<ChecksumAlgorithm> named(String name) {
        for (ChecksumAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm whose header is {@code lowerCaseHeader}. */
    static Optional<ChecksumAlgorithm> ofHeader(String lowerCaseHeader) {
        for (ChecksumAlgorithm a : values()) {
            if (a.header().equals(lowerCaseHeader)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Bytes in, the base64 checksum out (as S3 writes it). */
    interface Hasher {
        void update(byte[] b, int off, int len);

        String base64();
    }

    private static Hasher crc(Checksum c, int bytes) {
        return new Hasher() {
            @Override
            public void update(byte[] b, int off, int len) {
                c.update(b, off, len);
            }

            @Override
            public String base64() {
                ByteBuffer buf = ByteBuffer.allocate(8).putLong(c.getValue());
                return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(buf.array(), 8 - bytes, 8));
            }
        };
    }

    private static Hasher digest(String algorithm) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Hasher() {
            @Override
            public void update(byte[] b, int off, int len) {
                d.update(b, off, len);
            }

            @Override
            public String base64() {
                return Base64.getEncoder().encodeToString(d.digest());
            }
        };
    }
}

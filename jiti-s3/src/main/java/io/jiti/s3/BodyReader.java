package io.jiti.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a request body the way S3 does: decodes {@code aws-chunked}, computes MD5, SHA-256 and the asked-for
 * additional checksum while the bytes pass, and at the end checks them against what the client declared
 * ({@code Content-MD5}, a hex {@code x-amz-content-sha256}, {@code x-amz-decoded-content-length},
 * {@code x-amz-checksum-*} as header or trailer). Nothing that failed a check may be kept.
 */
final class BodyReader {
    private final Function<String, String> header;
    private final AwsChunkedInputStream chunked;
    private final Digesting stream;
    private final ChecksumAlgorithm algorithm;

    /**
     * {@code header} gives a request header's first value by lower-case name, or null; {@code signer} checks
     * the chunks of a signed streaming body (null for any other body). The body is {@code aws-chunked}
     * exactly when {@code x-amz-content-sha256} says {@code STREAMING-…}.
     */
    BodyReader(Function<String, String> header, InputStream raw, ChunkSigner signer) {
        this.header = header;
        String sha = header.apply("x-amz-content-sha256");
        boolean isChunked = sha != null && sha.startsWith("STREAMING-");
        this.chunked = isChunked ? new AwsChunkedInputStream(raw, signer) : null;
        ChecksumAlgorithm algorithm = requestedChecksum(header);
        this.stream = new Digesting(isChunked ? chunked : raw, algorithm == null ? null : algorithm.newHasher(),
                sha != null && sha.matches("[0-9a-fA-F]{64}"));
        this.algorithm = algorithm;
    }

    /** The payload; read it to its end, then call {@link #finish()}. */
    InputStream stream() {
        return stream;
    }

    /** Checks what arrived against what was declared. */
    Received finish() {
        byte[] md5 = stream.md5.digest();
        String contentMd5 = header.apply("content-md5");
        if (contentMd5 != null && !contentMd5.equals(Base64.getEncoder().encodeToString(md5))) {
            throw S3Error.badDigest("Content-MD5");
        }
        String decoded = header.apply("x-amz-decoded-content-length");
        if (chunked != null && decoded != null && !decoded.equals(Long.toString(stream.count))) {
            throw new S3Error(400, "IncompleteBody", "You did not provide the number of bytes specified by "
                    + "x-amz-decoded-content-length (" + decoded + " declared, " + stream.count + " sent).");
        }
        if (stream.sha256 != null) {
            String declared = header.apply("x-amz-content-sha256").toLowerCase(Locale.ROOT);
            if (!declared.equals(HexFormat.of().formatHex(stream.sha256.digest()))) {
                throw new S3Error(400, "XAmzContentSHA256Mismatch",
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
        }
        Map<ChecksumAlgorithm, String> sums = new EnumMap<>(ChecksumAlgorithm.class);
        if (algorithm != null) {
            String computed = stream.checksum.base64();
            String declared = header.apply(algorithm.header());
            if (declared == null && chunked != null) {
                declared = chunked.trailers().get(algorithm.header());
            }
            if (declared != null && !declared.equals(computed)) {
                throw badChecksum(algorithm);
            }
            sums.put(algorithm, computed);
        }
        return new Received(stream.count, md5, sums);
    }

    private static S3Error badChecksum(ChecksumAlgorithm algorithm) {
        return new S3Error(400, "BadDigest", "Value for " + algorithm.header()
                + " header is invalid (it does not match the data received).");
    }

    /** The checksum the client sends or asks S3 to compute, if any. */
    static ChecksumAlgorithm requestedChecksum(Function<String, String> header) {
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            if (header.apply(a.header()) != null) {
                return a;
            }
        }
        String trailer = header.apply("x-amz-trailer");
        if (trailer != null) {
            return ChecksumAlgorithm.ofHeader(trailer.trim().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> S3Error.invalidArgument("unknown x-amz-trailer " + trailer));
        }
        for (String name : new String[] {"x-amz-sdk-checksum-algorithm", "x-amz-checksum-algorithm"}) {
            String value = header.apply(name);
            if (value != null) {
                return ChecksumAlgorithm.named(value).orElseThrow(() -> S3Error.invalidArgument(
                        "unknown checksum algorithm " + value + " (allowed: CRC32, CRC32C, CRC64NVME, SHA1, SHA256)"));
            }
        }
        return null;
    }

    /** Counts and digests what is read through it. */
    private static final class Digesting extends FilterInputStream {
        private final MessageDigest md5 = digest("MD5");
        private final MessageDigest sha256;
        private final ChecksumAlgorithm.Hasher checksum;
        private long count;

        Digesting(InputStream in, ChecksumAlgorithm.Hasher checksum, boolean sha256) {
            super(in);
            this.checksum = checksum;
            this.sha256 = sha256 ? digest("SHA-256") : null;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                md5.update(b, off, n);
                if (sha256 != null) {
                    sha256.update(b, off, n);
                }
                if (checksum != null) {
                    checksum.update(b, off, n);
                }
            }
            return n;
        }

        private static MessageDigest digest(String name) {
            try {
                return MessageDigest.getInstance(name);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

package io.jiti.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The payload of an {@code aws-chunked} body (what the AWS SDKs send with {@code STREAMING-*} payload
 * hashes): {@code SIZE[;chunk-signature=…]\r\nDATA\r\n} chunks up to one of size 0, then trailing headers
 * such as {@code x-amz-checksum-crc32:…} and an empty line. With a {@link ChunkSigner} (a signed stream),
 * every chunk must carry its {@code chunk-signature}, checked once the chunk has arrived, and signed
 * trailers their {@code x-amz-trailer-signature}: a chunk that fails is a 403 {@code SignatureDoesNotMatch},
 * so what came before it must not be kept (the body's reader stages it and drops it on any error).
 */
final class AwsChunkedInputStream extends InputStream {
    private static final int MAX_LINE = 8192;
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private final InputStream in;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private final ChunkSigner signer;
    private final MessageDigest chunkSha;
    private String previous;
    private String chunkSignature;
    private long left;
    private boolean done;

    /** An unsigned stream (or one whose signatures are someone else's concern). */
    AwsChunkedInputStream(InputStream in) {
        this(in, null);
    }

    /** A stream whose chunks {@code signer} must have signed (none checked when null). */
    AwsChunkedInputStream(InputStream in, ChunkSigner signer) {
        this.in = new BufferedInputStream(in, 65536);
        this.signer = signer;
        this.previous = signer == null ? null : signer.seed();
        this.chunkSha = signer == null ? null : sha256();
    }

    /** Trailing headers by lower-case name; complete once the stream has been read to its end. */
    Map<String, String> trailers() {
        return trailers;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (left == 0) {
            left = nextChunkSize();
            if (left == 0) {
                checkChunk();
                readTrailers();
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw malformed("the body ended inside a chunk");
        }
        if (chunkSha != null) {
            chunkSha.update(b, off, n);
        }
        left -= n;
        if (left == 0) {
            expectCrlf();
            checkChunk();
        }
        return n;
    }

    /** Checks the signature of the chunk that just ended (no-op for an unsigned stream). */
    private void checkChunk() {
        if (signer == null) {
            return;
        }
        String expected = signer.chunk(previous, chunkSha.digest());
        if (!ChunkSigner.matches(expected, chunkSignature)) {
            throw badSignature("chunk");
        }
        previous = expected;
    }

    private static S3Error badSignature(String what) {
        return new S3Error(403, "SignatureDoesNotMatch", "The " + what + " signature we calculated does not match "
                + "the signature you provided.");
    }

    private long nextChunkSize() throws IOException {
        String line = line();
        if (line == null) {
            throw malformed("the body ended before its last (empty) chunk");
        }
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
        chunkSignature = null;
        if (semi >= 0) {
            for (String ext : line.substring(semi + 1).split(";")) {
                if (ext.trim().startsWith("chunk-signature=")) {
                    chunkSignature = ext.trim().substring("chunk-signature=".length());
                }
            }
        }
        if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw malformed("a chunk size that is not hexadecimal");
        }
        return Long.parseLong(hex, 16);
    }

    private void readTrailers() throws IOException {
        String line;
        while ((line = line()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("a trailing header without a colon");
            }
            if (trailers.size() >= 16) {
                throw malformed("more than 16 trailing headers");
            }
            trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (signer != null && signer.trailer()) {
            String given = trailers.remove(TRAILER_SIGNATURE);
            StringBuilder canonical = new StringBuilder();
            new TreeMap<>(trailers).forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
            if (!ChunkSigner.matches(signer.trailers(previous, canonical.toString()), given)) {
                throw badSignature("trailer");
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void expectCrlf() throws IOException {
        if (in.read() != '\r' || in.read() != '\n') {
            throw malformed("a chunk not followed by CRLF");
        }
    }

    /** A CRLF-terminated line without its CRLF, or null at the end of the body. */
    private String line() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] b = out.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, len, StandardCharsets.US_ASCII);
            }
            if (out.size() >= MAX_LINE) {
                throw malformed("a chunk header line longer than " + MAX_LINE + " bytes");
            }
            out.write(c);
        }
        return out.size() == 0 ? null : out.toString(StandardCharsets.US_ASCII);
    }

    private static S3Error malformed(String what) {
        return new S3Error(400, "IncompleteBody", "The aws-chunked body is malformed: " + what + ".");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

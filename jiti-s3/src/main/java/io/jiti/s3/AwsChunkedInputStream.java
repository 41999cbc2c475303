package io.jiti.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The payload of an {@code aws-chunked} body (what the AWS SDKs send with {@code STREAMING-*} payload
 * hashes): {@code SIZE[;chunk-signature=…]\r\nDATA\r\n} chunks up to one of size 0, then trailing headers
 * such as {@code x-amz-checksum-crc32:…} and an empty line. Chunk signatures are read past, not checked
 * (the seed signature of the request is).
 */
final class AwsChunkedInputStream extends InputStream {
    private static final int MAX_LINE = 8192;
    private final InputStream in;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private long left;
    private boolean done;

    AwsChunkedInputStream(InputStream in) {
        this.in = new BufferedInputStream(in, 65536);
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
                readTrailers();
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw malformed("the body ended inside a chunk");
        }
        left -= n;
        if (left == 0) {
            expectCrlf();
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = line();
        if (line == null) {
            throw malformed("the body ended before its last (empty) chunk");
        }
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
        try {
            long size = Long.parseLong(hex, 16);
            if (size < 0) {
                throw malformed("a negative chunk size");
            }
            return size;
        } catch (NumberFormatException e) {
            throw malformed("a chunk size that is not hexadecimal");
        }
    }

    private void readTrailers() throws IOException {
        String line;
        while ((line = line()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("a trailing header without a colon");
            }
            trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
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

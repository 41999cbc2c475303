package io.jiti.s3;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** One S3 request on the JDK's HTTP server: the bucket, key and query it names, and ways to answer it. */
final class S3Exchange {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private final HttpExchange ex;
    private final String bucket;
    private final String key;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final String requestId = Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase(Locale.ROOT);
    private boolean answered;

    S3Exchange(HttpExchange ex) {
        this.ex = ex;
        String path = ex.getRequestURI().getRawPath();
        String rest = path == null || path.length() <= 1 ? "" : path.substring(1);
        int slash = rest.indexOf('/');
        this.bucket = rest.isEmpty() ? null : SigV4Verifier.decode(slash < 0 ? rest : rest.substring(0, slash));
        String k = slash < 0 ? "" : SigV4Verifier.decode(rest.substring(slash + 1));
        this.key = k.isEmpty() ? null : k;
        for (String[] kv : SigV4Verifier.pairs(ex.getRequestURI().getRawQuery())) {
            query.putIfAbsent(kv[0], kv[1]);
        }
    }

    String method() {
        return ex.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    /** The bucket named in the path, or null. */
    String bucket() {
        return bucket;
    }

    /** The object key named in the path, or null. */
    String key() {
        return key;
    }

    /** The decoded query parameters (first value of each). */
    Map<String, String> query() {
        return query;
    }

    boolean has(String param) {
        return query.containsKey(param);
    }

    /** A request header's first value, or null. */
    String header(String name) {
        return ex.getRequestHeaders().getFirst(name);
    }

    /** Every request header by lower-case name. */
    Map<String, List<String>> headers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    /** The headers with a prefix, by lower-case name without it (e.g. user metadata). */
    Map<String, String> headersStartingWith(String lowerCasePrefix) {
        Map<String, String> out = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> {
            String n = k.toLowerCase(Locale.ROOT);
            if (n.startsWith(lowerCasePrefix) && !v.isEmpty()) {
                out.put(n.substring(lowerCasePrefix.length()), v.get(0));
            }
        });
        return out;
    }

    SignedRequest signed() {
        return new SignedRequest(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(), headers());
    }

    InputStream body() {
        return ex.getRequestBody();
    }

    /** The request body, checked, up to {@code limit} bytes (for XML requests). */
    byte[] smallBody(int limit) throws IOException {
        BodyReader reader = new BodyReader(n -> header(n), body());
        byte[] b = reader.stream().readNBytes(limit + 1);
        if (b.length > limit) {
            throw new S3Error(400, "MaxMessageLengthExceeded", "The request body is longer than " + limit + " bytes.");
        }
        reader.finish();
        return b;
    }

    String resource() {
        return ex.getRequestURI().getRawPath();
    }

    boolean answered() {
        return answered;
    }

    static String httpDate(long millis) {
        return HTTP_DATE.format(Instant.ofEpochMilli(millis));
    }

    static String isoDate(long millis) {
        return ISO.format(Instant.ofEpochMilli(millis));
    }

    /** Answers with {@code body} (null or empty for none). */
    void respond(int status, Map<String, String> headers, String contentType, byte[] body) throws IOException {
        Headers h = prepare(headers);
        if (contentType != null) {
            h.set("Content-Type", contentType);
        }
        int length = body == null ? 0 : body.length;
        if (method().equals("HEAD") || status == 204 || status == 304) {
            if (method().equals("HEAD") && status != 204 && status != 304 && !h.containsKey("Content-Length")) {
                h.set("Content-Length", Integer.toString(length));
            }
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    void xml(int status, Map<String, String> headers, String xml) throws IOException {
        respond(status, headers, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with {@code length} bytes of {@code data} from {@code offset} (headers only for HEAD). */
    void stream(int status, Map<String, String> headers, SeekableByteChannel data, long offset, long length)
            throws IOException {
        if (method().equals("HEAD")) {
            Headers h = prepare(headers);
            h.set("Content-Length", Long.toString(length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        if (length > 0) {
            // the first bytes before the status line: data that does not decrypt is an error, not a cut body
            data.position(offset);
            buf.limit((int) Math.min(buf.capacity(), length));
            fill(data, buf);
            buf.flip();
        }
        prepare(headers);
        ex.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length == 0) {
            return;
        }
        long left = length - buf.remaining();
        try (OutputStream os = ex.getResponseBody()) {
            WritableByteChannel out = Channels.newChannel(os);
            while (true) {
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                if (left == 0) {
                    break;
                }
                buf.clear().limit((int) Math.min(buf.capacity(), left));
                fill(data, buf);
                left -= buf.position();
                buf.flip();
            }
        }
    }

    private static void fill(SeekableByteChannel data, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (data.read(buf) < 0) {
                throw new IOException("the data file ended " + buf.remaining() + " bytes early");
            }
        }
    }

    /** S3's XML error document (none for HEAD). */
    void error(S3Error e) throws IOException {
        String xml = Xml.bare("Error").el("Code", e.code()).el("Message", e.getMessage()).el("Resource", resource())
                .el("RequestId", requestId).end("Error");
        Headers h = prepare(e.headers());
        if (method().equals("HEAD")) {
            ex.sendResponseHeaders(e.status(), -1);
            return;
        }
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        h.set("Content-Type", "application/xml");
        ex.sendResponseHeaders(e.status(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private Headers prepare(Map<String, String> headers) {
        answered = true;
        Headers h = ex.getResponseHeaders();
        h.set("x-amz-request-id", requestId);
        h.set("Server", "jiti-s3");
        headers.forEach(h::set);
        return h;
    }
}

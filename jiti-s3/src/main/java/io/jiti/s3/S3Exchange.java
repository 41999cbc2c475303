package io.jiti.s3;

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
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One S3 request on Jetty, handled by blocking code: the bucket, key and query it names, its signature's
 * verdict, and ways to answer it.
 */
final class S3Exchange {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private final Request request;
    private final Response response;
    private final String rawPath;
    private final String rawQuery;
    private final String bucket;
    private final String key;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final String requestId = Long.toHexString(ThreadLocalRandom.current().nextLong()).toUpperCase(Locale.ROOT);
    private Verdict.Allowed verdict;
    private String proof;

    S3Exchange(Request request, Response response) {
        this.request = request;
        this.response = response;
        this.rawPath = request.getHttpURI().getPath();
        this.rawQuery = request.getHttpURI().getQuery();
        String path = rawPath;
        String rest = path == null || path.length() <= 1 ? "" : path.substring(1);
        int slash = rest.indexOf('/');
        this.bucket = rest.isEmpty() ? null : SigV4Verifier.decode(slash < 0 ? rest : rest.substring(0, slash));
        String k = slash < 0 ? "" : SigV4Verifier.decode(rest.substring(slash + 1));
        this.key = k.isEmpty() ? null : k;
        for (String[] kv : SigV4Verifier.pairs(rawQuery)) {
            query.putIfAbsent(kv[0], kv[1]);
        }
    }

    String method() {
        return request.getMethod().toUpperCase(Locale.ROOT);
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
        return request.getHeaders().get(name);
    }

    /** Every request header by lower-case name. */
    Map<String, List<String>> headers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            out.computeIfAbsent(f.getLowerCaseName(), k -> new java.util.ArrayList<>()).add(f.getValue());
        }
        return out;
    }

    /** The headers with a prefix, by lower-case name without it (e.g. user metadata). */
    Map<String, String> headersStartingWith(String lowerCasePrefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            String n = f.getLowerCaseName();
            if (n.startsWith(lowerCasePrefix)) {
                out.putIfAbsent(n.substring(lowerCasePrefix.length()), f.getValue());
            }
        }
        return out;
    }

    SignedRequest signed() {
        return new SignedRequest(request.getMethod(), rawPath, rawQuery, headers());
    }

    /** The proof of identity to send with whatever answer this request gets ({@link Identity}). */
    void prove(String value) {
        this.proof = value;
    }

    /** Keeps what the signature check found (the key that signs a streamed body's chunks). */
    void verified(Verdict.Allowed allowed) {
        this.verdict = allowed;
    }

    /** The request body as sent (aws-chunked still framed: see {@link #reader()}). */
    InputStream body() {
        return Content.Source.asInputStream(request);
    }

    /** The request body's reader, which checks what arrives against what the request declared and signed. */
    BodyReader reader() {
        return new BodyReader(this::header, body(), verdict == null ? null : verdict.chunks());
    }

    /** The request body, checked, up to {@code limit} bytes (for XML requests). */
    byte[] smallBody(int limit) throws IOException {
        BodyReader reader = reader();
        byte[] b = reader.stream().readNBytes(limit + 1);
        if (b.length > limit) {
            throw new S3Error(400, "MaxMessageLengthExceeded", "The request body is longer than " + limit + " bytes.");
        }
        reader.finish();
        return b;
    }

    String resource() {
        return rawPath;
    }

    /** Whether the status line went out already (a failure now can only cut the response short). */
    boolean answered() {
        return response.isCommitted();
    }

    static String httpDate(long millis) {
        return HTTP_DATE.format(Instant.ofEpochMilli(millis));
    }

    static String isoDate(long millis) {
        return ISO.format(Instant.ofEpochMilli(millis));
    }

    /** Answers with {@code body} (null or empty for none). */
    void respond(int status, Map<String, String> headers, String contentType, byte[] body) throws IOException {
        HttpFields.Mutable h = prepare(status, headers);
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        int length = body == null ? 0 : body.length;
        if (method().equals("HEAD") || status == 204 || status == 304) {
            if (method().equals("HEAD") && status != 204 && status != 304 && !h.contains("Content-Length")) {
                h.put("Content-Length", Integer.toString(length));
            }
            return;
        }
        h.put("Content-Length", Integer.toString(length));
        if (length > 0) {
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
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
            prepare(status, headers).put("Content-Length", Long.toString(length));
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
        prepare(status, headers).put("Content-Length", Long.toString(length));
        if (length == 0) {
            return;
        }
        long left = length - buf.remaining();
        try (OutputStream os = Content.Sink.asOutputStream(response)) {
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
        response.reset();
        HttpFields.Mutable h = prepare(e.status(), e.headers());
        if (method().equals("HEAD")) {
            return;
        }
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        h.put("Content-Type", "application/xml");
        h.put("Content-Length", Integer.toString(body.length));
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(body);
        }
    }

    private HttpFields.Mutable prepare(int status, Map<String, String> headers) {
        response.setStatus(status);
        HttpFields.Mutable h = response.getHeaders();
        h.put("x-amz-request-id", requestId);
        h.put("Server", "jiti-s3");
        if (proof != null) {
            h.put(Identity.PROOF, proof);
        }
        headers.forEach(h::put);
        return h;
    }
}

package io.jiti.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Signed S3 requests written byte by byte on a socket, for inputs no SDK would send. */
final class RawS3 {
    static final DateTimeFormatter AMZ = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final int port;
    private final Credentials keys;

    RawS3(int port, Credentials keys) {
        this.port = port;
        this.keys = keys;
    }

    /** A request under construction: headers by lower-case name, in order. */
    static final class Req {
        String method = "PUT";
        String path;
        String query;
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
    }

    /** A PUT of {@code path} signed now with {@code payloadHash}, all x-amz headers signed. */
    Req signedPut(String path, String payloadHash, byte[] body, Map<String, String> extra) {
        Req r = new Req();
        r.path = path;
        r.body = body;
        String date = AMZ.format(Instant.now());
        r.headers.put("host", "127.0.0.1:" + port);
        r.headers.put("x-amz-date", date);
        r.headers.put("x-amz-content-sha256", payloadHash);
        r.headers.putAll(extra);
        r.headers.put("content-length", Integer.toString(body.length));
        List<String> signed = new ArrayList<>(new TreeMap<>(r.headers).keySet());
        String scope = date.substring(0, 8) + "/us-east-1/s3/aws4_request";
        Map<String, List<String>> h = new LinkedHashMap<>();
        r.headers.forEach((k, v) -> h.put(k, List.of(v)));
        String signature = SigV4Verifier.signature(SigV4Verifier.signingKey(keys.secretAccessKey(), scope),
                new SignedRequest(r.method, path, null, h), signed, payloadHash, date, scope);
        r.headers.put("authorization", "AWS4-HMAC-SHA256 Credential=" + keys.accessKeyId() + "/" + scope
                + ",SignedHeaders=" + String.join(";", signed) + ",Signature=" + signature);
        return r;
    }

    /** The signature the request carries (the seed of a streamed body). */
    static String seed(Req r) {
        String auth = r.headers.get("authorization");
        return auth.substring(auth.indexOf("Signature=") + "Signature=".length());
    }

    /** An answer: its status and body. */
    record Answer(int status, String body) {
    }

    /** Sends it on a fresh connection; the status code of the answer. */
    int send(Req r) throws IOException {
        return exchange(r).status();
    }

    /** Sends it on a fresh connection and reads the whole answer. */
    Answer exchange(Req r) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            StringBuilder head = new StringBuilder(r.method + " " + r.path + (r.query == null ? "" : "?" + r.query)
                    + " HTTP/1.1\r\n");
            r.headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(r.body);
            out.flush();
            InputStream in = s.getInputStream();
            String all;
            try {
                all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.net.SocketException e) {
                all = "";
            }
            String[] parts = all.split(" ", 3);
            int status = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
            int blank = all.indexOf("\r\n\r\n");
            return new Answer(status, blank < 0 ? "" : all.substring(blank + 4));
        }
    }
}

package io.jiti.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 (the {@code Authorization} header or a presigned query) of a request
 * against one key pair, the way S3 does: canonical request, string to sign, derived signing key. The
 * payload is taken as declared by {@code x-amz-content-sha256} (S3's rule; the body itself is not hashed
 * here, and streaming chunk signatures are not checked beyond the seed signature).
 */
public final class SigV4Verifier {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final Credentials credentials;

    /** A verifier that accepts only {@code credentials}. */
    public SigV4Verifier(Credentials credentials) {
        this.credentials = credentials;
    }

    /** Whether {@code request} is signed with this verifier's credentials at about {@code now}. */
    public Verdict verify(SignedRequest request, Instant now) {
        String admin = request.header("x-jiti-admin-token");
        if (admin != null) {
            return MessageDigest.isEqual(admin.getBytes(StandardCharsets.UTF_8),
                    credentials.adminToken().getBytes(StandardCharsets.UTF_8))
                    ? new Verdict.Allowed() : new Verdict.Denied("AccessDenied", "wrong admin token");
        }
        String auth = request.header("authorization");
        Map<String, String> query = queryParams(request.rawQuery());
        boolean presigned = query.containsKey("X-Amz-Signature");
        if (auth == null && !presigned) {
            return new Verdict.Denied("AccessDenied", "the request is not signed (AWS Signature Version 4 required)");
        }
        String credential;
        String signedHeaders;
        String signature;
        String amzDate;
        String payloadHash;
        if (presigned) {
            credential = query.get("X-Amz-Credential");
            signedHeaders = query.get("X-Amz-SignedHeaders");
            signature = query.get("X-Amz-Signature");
            amzDate = query.get("X-Amz-Date");
            payloadHash = "UNSIGNED-PAYLOAD";
            if (!ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
                return new Verdict.Denied("AuthorizationQueryParametersError", "X-Amz-Algorithm must be " + ALGORITHM);
            }
        } else {
            if (!auth.startsWith(ALGORITHM + " ")) {
                return new Verdict.Denied("AuthorizationHeaderMalformed", "only " + ALGORITHM + " is supported");
            }
            Map<String, String> parts = authParts(auth.substring(ALGORITHM.length() + 1));
            credential = parts.get("Credential");
            signedHeaders = parts.get("SignedHeaders");
            signature = parts.get("Signature");
            amzDate = request.header("x-amz-date");
            payloadHash = request.header("x-amz-content-sha256");
            if (payloadHash == null) {
                payloadHash = "UNSIGNED-PAYLOAD";
            }
        }
        if (credential == null || signedHeaders == null || signature == null || amzDate == null) {
            return new Verdict.Denied("AuthorizationHeaderMalformed",
                    "Credential, SignedHeaders, Signature and X-Amz-Date are all required");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            return new Verdict.Denied("AuthorizationHeaderMalformed", "the credential scope is malformed");
        }
        if (!credentials.accessKeyId().equals(scope[0])) {
            return new Verdict.Denied("InvalidAccessKeyId", "the access key id " + scope[0] + " is not valid here");
        }
        try {
            Instant signedAt = AMZ_DATE.parse(amzDate, Instant::from);
            if (presigned) {
                long expires = Long.parseLong(query.getOrDefault("X-Amz-Expires", "0"));
                if (now.isAfter(signedAt.plusSeconds(expires))) {
                    return new Verdict.Denied("AccessDenied", "the presigned request has expired");
                }
            } else if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
                return new Verdict.Denied("RequestTimeTooSkewed",
                        "the request time differs from the server's by more than 15 minutes");
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return new Verdict.Denied("AuthorizationHeaderMalformed", "X-Amz-Date or X-Amz-Expires is malformed");
        }
        String canonical = String.join("\n", request.method(), canonicalUri(request.rawPath()),
                canonicalQuery(request.rawQuery()), canonicalHeaders(request, signedHeaders), signedHeaders, payloadHash);
        String scopeText = String.join("/", Arrays.copyOfRange(scope, 1, 5));
        String toSign = String.join("\n", ALGORITHM, amzDate, scopeText, hex(sha256(canonical)));
        byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, scope[3]);
        key = hmac(key, "aws4_request");
        byte[] expected = HexFormat.of().formatHex(hmac(key, toSign)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return new Verdict.Denied("SignatureDoesNotMatch",
                    "the request signature we calculated does not match the signature you provided");
        }
        return new Verdict.Allowed();
    }

    private static Map<String, String> authParts(String text) {
        Map<String, String> out = new TreeMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return out;
    }

    private static Map<String, String> queryParams(String rawQuery) {
        Map<String, String> out = new TreeMap<>();
        for (String[] kv : pairs(rawQuery)) {
            out.put(kv[0], kv[1]);
        }
        return out;
    }

    /** Decoded name-value pairs of a query string. */
    static List<String[]> pairs(String rawQuery) {
        List<String[]> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String p : rawQuery.split("&")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            String value = eq < 0 ? "" : p.substring(eq + 1);
            out.add(new String[] {decode(name), decode(value)});
        }
        return out;
    }

    static String canonicalUri(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return encode(decode(path), false);
    }

    static String canonicalQuery(String rawQuery) {
        return pairs(rawQuery).stream()
                .filter(kv -> !kv[0].equals("X-Amz-Signature"))
                .map(kv -> new String[] {encode(kv[0], true), encode(kv[1], true)})
                .sorted((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]))
                .map(kv -> kv[0] + "=" + kv[1])
                .collect(Collectors.joining("&"));
    }

    private static String canonicalHeaders(SignedRequest request, String signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            List<String> values = request.headers().getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            out.append(name).append(':')
                    .append(values.stream().map(v -> v.trim().replaceAll(" +", " ")).collect(Collectors.joining(",")))
                    .append('\n');
        }
        return out.toString();
    }

    /** Percent-decoding as in a URI (a {@code +} stays a plus sign; other characters as they are). */
    static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '%' && i + 2 < s.length() && HexFormat.isHexDigit(s.charAt(i + 1))
                    && HexFormat.isHexDigit(s.charAt(i + 2))) {
                out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** AWS's URI encoding: everything but {@code A-Za-z0-9-._~} (and {@code /} in paths) as %XX. */
    static String encode(String s, boolean slashToo) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (c == '/' && !slashToo)) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}

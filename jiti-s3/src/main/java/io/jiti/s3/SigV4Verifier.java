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
 * payload is taken as declared by {@code x-amz-content-sha256}, which must be one of S3's documented
 * values (a hex SHA-256 of the body, checked as it arrives; {@code UNSIGNED-PAYLOAD}; a streaming form);
 * a signed streaming body is then checked chunk by chunk ({@link ChunkSigner}). Every {@code x-amz-*}
 * header sent must be signed, the scope must name this region and {@code s3}, a request may be dated at
 * most 15 minutes away from now, and a presigned URL lives at most 7 days. Any malformed input is a
 * {@link Verdict.Denied} with a 4xx status, never an exception.
 */
public final class SigV4Verifier {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    /** The longest a presigned URL may be valid: 7 days, as in S3. */
    static final long MAX_EXPIRES = 604_800;
    static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    private static final java.util.Set<String> PAYLOAD_FORMS = java.util.Set.of(UNSIGNED, STREAMING_SIGNED,
            STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER);
    private static final java.util.regex.Pattern HEX_SHA256 = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");
    private static final java.util.regex.Pattern AMZ_DATE_FORM = java.util.regex.Pattern.compile("\\d{8}T\\d{6}Z");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final Credentials credentials;
    private final String region;

    /** A verifier that accepts only {@code credentials}, for a bucket in {@code region}. */
    public SigV4Verifier(Credentials credentials, String region) {
        this.credentials = credentials;
        this.region = region;
    }

    /** Whether {@code request} is signed with this verifier's credentials at about {@code now}. */
    public Verdict verify(SignedRequest request, Instant now) {
        try {
            return check(request, now);
        } catch (RuntimeException e) {
            return Verdict.Denied.malformed("InvalidRequest", "the request could not be read: "
                    + e.getClass().getSimpleName());
        }
    }

    private Verdict check(SignedRequest request, Instant now) {
        String admin = request.header("x-jiti-admin-token");
        if (admin != null) {
            return MessageDigest.isEqual(admin.getBytes(StandardCharsets.UTF_8),
                    credentials.adminToken().getBytes(StandardCharsets.UTF_8))
                    ? new Verdict.Allowed(null) : Verdict.Denied.forbidden("AccessDenied", "wrong admin token");
        }
        String auth = request.header("authorization");
        Map<String, String> query = queryParams(request.rawQuery());
        boolean presigned = query.containsKey("X-Amz-Signature") || query.containsKey("X-Amz-Credential");
        if (auth == null && !presigned) {
            return Verdict.Denied.forbidden("AccessDenied",
                    "the request is not signed (AWS Signature Version 4 required)");
        }
        if (auth != null && presigned) {
            return Verdict.Denied.malformed("InvalidArgument",
                    "only one auth mechanism allowed; the Authorization header and X-Amz-Signature were both given");
        }
        Signed s = presigned ? fromQuery(query) : fromHeader(auth, request);
        if (s.problem() != null) {
            return s.problem();
        }
        String[] scope = s.credential().split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4]) || !"s3".equals(scope[3])) {
            return Verdict.Denied.malformed("AuthorizationHeaderMalformed",
                    "the credential must be ACCESS_KEY_ID/DATE/REGION/s3/aws4_request");
        }
        if (!credentials.accessKeyId().equals(scope[0])) {
            return Verdict.Denied.forbidden("InvalidAccessKeyId", "the access key id " + scope[0] + " is not valid here");
        }
        if (!AMZ_DATE_FORM.matcher(s.amzDate()).matches()) {
            return Verdict.Denied.malformed("AuthorizationHeaderMalformed", "X-Amz-Date must be YYYYMMDDTHHMMSSZ");
        }
        if (!scope[1].equals(s.amzDate().substring(0, 8))) {
            return Verdict.Denied.malformed("AuthorizationHeaderMalformed",
                    "the credential date " + scope[1] + " is not the date of X-Amz-Date " + s.amzDate());
        }
        if (!region.equals(scope[2])) {
            return Verdict.Denied.malformed("AuthorizationHeaderMalformed",
                    "the region '" + scope[2] + "' is wrong; expecting '" + region + "'");
        }
        Instant signedAt;
        try {
            signedAt = AMZ_DATE.parse(s.amzDate(), Instant::from);
        } catch (DateTimeParseException e) {
            return Verdict.Denied.malformed("AuthorizationHeaderMalformed", "X-Amz-Date is not a valid time");
        }
        Verdict.Denied late = presigned ? presignedWindow(query, signedAt, now) : skew(signedAt, now);
        if (late != null) {
            return late;
        }
        List<String> signedHeaders = List.of(s.signedHeaders().split(";", -1));
        Verdict.Denied unsigned = unsignedHeaders(request, signedHeaders);
        if (unsigned != null) {
            return unsigned;
        }
        String scopeText = String.join("/", Arrays.copyOfRange(scope, 1, 5));
        byte[] key = signingKey(credentials.secretAccessKey(), scopeText);
        if (!ChunkSigner.matches(signature(key, request, signedHeaders, s.payloadHash(), s.amzDate(), scopeText),
                s.signature())) {
            return Verdict.Denied.forbidden("SignatureDoesNotMatch",
                    "the request signature we calculated does not match the signature you provided");
        }
        boolean streaming = s.payloadHash().equals(STREAMING_SIGNED) || s.payloadHash().equals(STREAMING_SIGNED_TRAILER);
        return new Verdict.Allowed(streaming ? new ChunkSigner(key, s.amzDate(), scopeText, s.signature(),
                s.payloadHash().equals(STREAMING_SIGNED_TRAILER)) : null);
    }

    /** The key that signs requests of {@code scope} ({@code DATE/REGION/SERVICE/aws4_request}). */
    static byte[] signingKey(String secretAccessKey, String scope) {
        String[] part = scope.split("/", -1);
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), part[0]);
        key = hmac(key, part[1]);
        key = hmac(key, part[2]);
        return hmac(key, part[3]);
    }

    /** The signature of {@code request} over {@code signedHeaders} and the declared payload hash. */
    static String signature(byte[] key, SignedRequest request, List<String> signedHeaders, String payloadHash,
            String amzDate, String scope) {
        String canonical = String.join("\n", request.method(), canonicalUri(request.rawPath()),
                canonicalQuery(request.rawQuery()), canonicalHeaders(request, signedHeaders),
                String.join(";", signedHeaders), payloadHash);
        String toSign = String.join("\n", ALGORITHM, amzDate, scope, hex(sha256(canonical)));
        return HexFormat.of().formatHex(hmac(key, toSign));
    }

    /** The signing inputs a request carries, or the problem with them. */
    private record Signed(String credential, String signedHeaders, String signature, String amzDate,
                          String payloadHash, Verdict.Denied problem) {
        static Signed refused(Verdict.Denied problem) {
            return new Signed(null, null, null, null, null, problem);
        }
    }

    private static Signed fromQuery(Map<String, String> query) {
        if (!ALGORITHM.equals(query.get("X-Amz-Algorithm"))) {
            return Signed.refused(Verdict.Denied.malformed("AuthorizationQueryParametersError",
                    "X-Amz-Algorithm must be " + ALGORITHM));
        }
        Signed s = new Signed(query.get("X-Amz-Credential"), query.get("X-Amz-SignedHeaders"),
                query.get("X-Amz-Signature"), query.get("X-Amz-Date"), UNSIGNED, null);
        if (s.credential() == null || s.signedHeaders() == null || s.signature() == null || s.amzDate() == null
                || query.get("X-Amz-Expires") == null) {
            return Signed.refused(Verdict.Denied.malformed("AuthorizationQueryParametersError",
                    "X-Amz-Credential, X-Amz-SignedHeaders, X-Amz-Signature, X-Amz-Date and X-Amz-Expires are all required"));
        }
        return s;
    }

    private static Signed fromHeader(String auth, SignedRequest request) {
        if (!auth.startsWith(ALGORITHM + " ")) {
            return Signed.refused(Verdict.Denied.malformed("InvalidRequest",
                    "the authorization mechanism you have provided is not supported; use " + ALGORITHM));
        }
        Map<String, String> parts = authParts(auth.substring(ALGORITHM.length() + 1));
        String payload = request.header("x-amz-content-sha256");
        Signed s = new Signed(parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"),
                request.header("x-amz-date"), payload, null);
        if (s.credential() == null || s.signedHeaders() == null || s.signature() == null || s.amzDate() == null) {
            return Signed.refused(Verdict.Denied.malformed("AuthorizationHeaderMalformed",
                    "Credential, SignedHeaders, Signature and X-Amz-Date are all required"));
        }
        if (payload == null) {
            return Signed.refused(Verdict.Denied.malformed("InvalidRequest",
                    "missing required header for this request: x-amz-content-sha256"));
        }
        if (!PAYLOAD_FORMS.contains(payload) && !HEX_SHA256.matcher(payload).matches()) {
            return Signed.refused(Verdict.Denied.malformed("InvalidArgument", "x-amz-content-sha256 must be "
                    + "UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
                    + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or the SHA-256 of the body in hex"));
        }
        return s;
    }

    private static Verdict.Denied presignedWindow(Map<String, String> query, Instant signedAt, Instant now) {
        long expires;
        try {
            expires = Long.parseLong(query.get("X-Amz-Expires"));
        } catch (NumberFormatException e) {
            expires = -1;
        }
        if (expires < 1 || expires > MAX_EXPIRES) {
            return Verdict.Denied.malformed("AuthorizationQueryParametersError",
                    "X-Amz-Expires must be a number of seconds from 1 to " + MAX_EXPIRES + " (7 days)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            return Verdict.Denied.forbidden("AccessDenied", "the presigned request is not valid yet (X-Amz-Date is "
                    + "more than 15 minutes ahead)");
        }
        if (now.isAfter(signedAt.plusSeconds(expires))) {
            return Verdict.Denied.forbidden("AccessDenied", "the presigned request has expired");
        }
        return null;
    }

    private static Verdict.Denied skew(Instant signedAt, Instant now) {
        return Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0
                ? Verdict.Denied.forbidden("RequestTimeTooSkewed",
                "the request time differs from the server's by more than 15 minutes") : null;
    }

    /** S3 refuses {@code x-amz-*} headers that are not signed: they would change what the request does. */
    private static Verdict.Denied unsignedHeaders(SignedRequest request, List<String> signed) {
        if (!signed.contains("host")) {
            return Verdict.Denied.forbidden("AccessDenied", "the host header must be signed");
        }
        List<String> missing = request.headers().keySet().stream()
                .filter(h -> h.startsWith("x-amz-") && !signed.contains(h)).sorted().toList();
        return missing.isEmpty() ? null : Verdict.Denied.forbidden("AccessDenied",
                "there were headers present in the request which were not signed: " + String.join(", ", missing));
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

    private static String canonicalHeaders(SignedRequest request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders) {
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

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
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

package io.jiti.s3;

import java.util.Map;

/**
 * What a listing asks for, from its query parameters.
 *
 * @param prefix    only keys starting with it ("" for all)
 * @param delimiter rolls keys up to common prefixes at it ("" for none)
 * @param maxKeys   at most this many entries (keys, versions and common prefixes), up to 1000
 * @param after     start after this key (a marker, start-after or continuation token), or null
 * @param afterVersion for version listings: start after this version of {@code after}, or null
 * @param urlEncoded whether keys in the answer are URL-encoded ({@code encoding-type=url})
 */
record ListQuery(String prefix, String delimiter, int maxKeys, String after, String afterVersion,
        boolean urlEncoded) {

    static ListQuery of(Map<String, String> q, String after, String afterVersion) {
        String max = q.getOrDefault("max-keys", "1000");
        int maxKeys;
        try {
            maxKeys = Math.min(1000, Integer.parseInt(max));
        } catch (NumberFormatException e) {
            throw S3Error.invalidArgument("max-keys must be a number, not '" + max + "'");
        }
        if (maxKeys < 0) {
            throw S3Error.invalidArgument("max-keys must not be negative");
        }
        String encoding = q.get("encoding-type");
        if (encoding != null && !encoding.equals("url")) {
            throw S3Error.invalidArgument("Invalid Encoding Method specified in Request (allowed: url)");
        }
        return new ListQuery(q.getOrDefault("prefix", ""), q.getOrDefault("delimiter", ""), maxKeys,
                blankToNull(after), blankToNull(afterVersion), encoding != null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A key, prefix or marker as the answer writes it. */
    String out(String s) {
        return s == null || !urlEncoded ? s : SigV4Verifier.encode(s, false);
    }

    /** The common prefix {@code key} rolls up to, or null. */
    String rollUp(String key) {
        if (delimiter.isEmpty()) {
            return null;
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }
}

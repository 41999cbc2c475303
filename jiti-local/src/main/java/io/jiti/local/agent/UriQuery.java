package io.jiti.local.agent;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of a value in a URI's query, as libpq's and pgjdbc's URL parsers decode it. */
final class UriQuery {
    private UriQuery() {
    }

    /** {@code value} with everything but unreserved characters and {@code /} percent-encoded (UTF-8). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}

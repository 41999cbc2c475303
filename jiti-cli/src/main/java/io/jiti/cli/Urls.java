package io.jiti.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Path and query pieces, encoded. */
final class Urls {
    private Urls() {
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

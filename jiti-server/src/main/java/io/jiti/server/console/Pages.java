package io.jiti.server.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Map;

/**
 * The console's pages: Mustache templates under {@code io/jiti/server/console}, compiled once; every
 * {@code {{value}}} is HTML-escaped, and only what {@link Charts} and {@link Picture} build (escaping the
 * text they embed) is inserted raw.
 */
final class Pages {
    private final MustacheFactory factory = new DefaultMustacheFactory("io/jiti/server/console");

    /** The page {@code name} ({@code name.mustache}) with {@code model}. */
    String render(String name, Map<String, Object> model) {
        Mustache m = factory.compile(name + ".mustache");
        StringWriter out = new StringWriter();
        m.execute(out, model);
        return out.toString();
    }

    /** {@code text} safe inside HTML text and quoted attributes. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

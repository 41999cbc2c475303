package io.jiti.platform.model;

import io.jiti.platform.Names;
import io.jiti.platform.PlatformException;
import java.util.OptionalInt;

/**
 * A template named with a major and maybe a minor: {@code web-api@1} (the recommended minor) or
 * {@code web-api@1.2}.
 *
 * @param name  the template
 * @param major its major version
 * @param minor its minor version, or empty for the recommended one
 */
public record TemplateRef(String name, int major, OptionalInt minor) {

    /** Parses {@code NAME@MAJOR[.MINOR]}; bad input in {@code field} otherwise. */
    public static TemplateRef parse(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw PlatformException.badInput(field, field + " is required (NAME@MAJOR or NAME@MAJOR.MINOR)");
        }
        int at = text.indexOf('@');
        String version = at < 0 ? "" : text.substring(at + 1);
        if (at < 0 || !version.matches("\\d{1,6}(\\.\\d{1,6})?")) {
            throw PlatformException.badInput(field, field + " '" + Names.abbreviate(text)
                    + "' is not NAME@MAJOR or NAME@MAJOR.MINOR (e.g. web-api@1)");
        }
        String name = Names.check(field, text.substring(0, at));
        String[] parts = version.split("\\.");
        return new TemplateRef(name, Integer.parseInt(parts[0]),
                parts.length > 1 ? OptionalInt.of(Integer.parseInt(parts[1])) : OptionalInt.empty());
    }

    @Override
    public String toString() {
        return name + "@" + major + (minor.isPresent() ? "." + minor.getAsInt() : "");
    }
}

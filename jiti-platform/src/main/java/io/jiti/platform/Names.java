package io.jiti.platform;

import java.util.regex.Pattern;

/** The names the platform accepts for teams, users, templates, environments and services. */
public final class Names {
    /** Lower-case words joined by single hyphens, at most 30 characters; {@code --} joins names in stack names. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private Names() {
    }

    /** {@code value} when it is a valid name; bad input in {@code field} otherwise. */
    public static String check(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw PlatformException.badInput(field, field + " is required");
        }
        if (value.length() > 30 || !NAME.matcher(value).matches()) {
            throw PlatformException.badInput(field, field + " '" + abbreviate(value) + "' is not a name: lower-case"
                    + " letters and digits in words joined by single hyphens, starting with a letter, at most 30 characters");
        }
        return value;
    }

    /** {@code value} cut to 40 characters for messages. */
    public static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}

package io.jiti.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a user may do: the platform team's {@code admin}, a team's {@code developer}, a read-only {@code viewer}. */
public enum Role {
    /** Templates, environments, teams, users, entitlements, policies, audit; everything a developer may. */
    ADMIN,
    /** Services and instances of their own team, within its entitlements; reading the inventory. */
    DEVELOPER,
    /** Reading the inventory, templates and deployments. */
    VIEWER;

    /** The name as written: {@code admin}, … */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role {@code text} names; bad input in {@code field} otherwise. */
    public static Role parse(String text, String field) {
        for (Role r : values()) {
            if (r.word().equals(text)) {
                return r;
            }
        }
        throw PlatformException.badInput(field, "unknown role '" + text + "' (allowed: "
                + Arrays.stream(values()).map(Role::word).collect(Collectors.joining(", ")) + ")");
    }
}

package io.jiti.platform.model;

import io.jiti.platform.PlatformException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a template version is in its life. */
public enum TemplateStatus {
    /** Published for review and tests only: not recommended, usable by admins only. */
    DRAFT,
    /** Usable; the highest published minor of a major is its recommended version. */
    PUBLISHED,
    /** Usable by what uses it already; shown as outdated; no new use. */
    DEPRECATED,
    /** No new use; what runs on it keeps running and shows as outdated. */
    WITHDRAWN;

    /** As written: {@code draft}, … */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether new environments or instances may use it. */
    public boolean usable() {
        return this == PUBLISHED;
    }

    /** The status {@code text} names; bad input in {@code field} otherwise. */
    public static TemplateStatus parse(String field, String text) {
        for (TemplateStatus s : values()) {
            if (s.word().equals(text)) {
                return s;
            }
        }
        throw PlatformException.badInput(field, "unknown status '" + text + "' (allowed: "
                + Arrays.stream(values()).map(TemplateStatus::word).collect(Collectors.joining(", ")) + ")");
    }
}

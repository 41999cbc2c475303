package io.jiti.platform;

import io.jiti.api.JitiException;

/**
 * A request the platform refuses, with why: the edges turn {@link Reason} into an exit code or an HTTP
 * status and {@link #field()} into the field a problem document names.
 */
public final class PlatformException extends JitiException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        /** The input is wrong ({@link #field()} says where). */
        BAD_INPUT,
        /** No valid token. */
        UNAUTHENTICATED,
        /** The caller's role, team or entitlements do not allow it. */
        FORBIDDEN,
        /** What it names does not exist. */
        NOT_FOUND,
        /** It contradicts what exists (a duplicate, a state that does not allow it). */
        CONFLICT
    }

    private final Reason reason;
    private final String field;

    private PlatformException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    /** Bad input in {@code field}. */
    public static PlatformException badInput(String field, String message) {
        return new PlatformException(Reason.BAD_INPUT, field, message);
    }

    /** Not authenticated. */
    public static PlatformException unauthenticated(String message) {
        return new PlatformException(Reason.UNAUTHENTICATED, null, message);
    }

    /** Not allowed. */
    public static PlatformException forbidden(String message) {
        return new PlatformException(Reason.FORBIDDEN, null, message);
    }

    /** Not found; {@code field} names the input that named it. */
    public static PlatformException notFound(String field, String message) {
        return new PlatformException(Reason.NOT_FOUND, field, message);
    }

    /** In conflict with what exists. */
    public static PlatformException conflict(String field, String message) {
        return new PlatformException(Reason.CONFLICT, field, message);
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }

    /** The input field at fault, or null. */
    public String field() {
        return field;
    }
}

package io.jiti.cli;

import io.jiti.api.JitiException;

/** The platform server refused a request (or could not be reached); carries the exit code it maps to. */
final class ApiException extends JitiException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    ApiException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Bad input (400, 404, 409, 413) is 2; not allowed (401, 403), the server's own failures and no answer are 1. */
    static ApiException of(int status, String detail, String field) {
        int code = status == 400 || status == 404 || status == 409 || status == 413 ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
        return new ApiException((field == null ? "" : field + ": ") + detail + " (HTTP " + status + ")", code);
    }

    int exitCode() {
        return exitCode;
    }
}

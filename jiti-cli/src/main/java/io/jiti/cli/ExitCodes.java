package io.jiti.cli;

/** The exit codes of the CLI contract. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** An operation failed. */
    static final int FAILED = 1;
    /** Bad input: usage or definition. */
    static final int BAD_INPUT = 2;
    /** Changes pending (plan --exit-code). */
    static final int CHANGES = 3;

    private ExitCodes() {
    }
}

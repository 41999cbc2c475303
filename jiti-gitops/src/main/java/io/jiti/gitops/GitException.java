package io.jiti.gitops;

import io.jiti.api.JitiException;

/** A git operation that failed: the remote did not answer, refused, or has no such commit. Never holds a credential. */
public final class GitException extends JitiException {
    private static final long serialVersionUID = 1L;

    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}

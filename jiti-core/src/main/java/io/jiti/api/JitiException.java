package io.jiti.api;

/** The one unchecked root of every exception jiti throws. */
public class JitiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JitiException(String message) {
        super(message);
    }

    public JitiException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.jiti.sops;

import io.jiti.api.JitiException;

/**
 * An encrypted file that cannot be read or written as asked: its MAC does not match (it was changed without
 * the data key), no identity at hand opens it, it uses a SOPS feature jiti does not keep, or a value does not
 * fit. The message names the file and says what to do; it never holds a decrypted value.
 */
public final class SopsException extends JitiException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file    the file, as the user named it
     * @param message what is wrong and what to do
     */
    public SopsException(String file, String message) {
        super(file + ": " + message);
    }
}

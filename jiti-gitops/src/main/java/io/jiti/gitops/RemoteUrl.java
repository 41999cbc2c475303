package io.jiti.gitops;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A source's git URL: {@code https://…}, {@code http://…}, {@code ssh://…}, {@code git@host:path} (scp-like),
 * {@code file://…} or a local path. {@link #display()} is what messages and records show: the URL without
 * a password or token in it.
 */
public record RemoteUrl(String value) {

    public RemoteUrl {
        if (value == null || value.isBlank() || value.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("a git URL (https://…, ssh://…, git@host:path or a local path)");
        }
        value = value.strip();
    }

    /** The URL with any user-info password replaced by {@code ***}. */
    public String display() {
        return redact(value);
    }

    /** {@code text} with every {@code scheme://user:secret@} turned into {@code scheme://user:***@}. */
    public static String redact(String text) {
        return text == null ? null : text.replaceAll("(?i)([a-z][a-z0-9+.-]*://[^/@:\\s]*):[^/@\\s]*@", "$1:***@");
    }

    /** The host, when the URL names one (empty for a local path). */
    public Optional<String> host() {
        try {
            return Optional.ofNullable(new URI(value).getHost());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return display();
    }
}

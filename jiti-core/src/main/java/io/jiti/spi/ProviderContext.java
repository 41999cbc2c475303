package io.jiti.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a provider is made with.
 *
 * @param home the jiti home directory ({@code JITI_HOME}, default {@code ~/.jiti})
 * @param env  the environment the provider may read its settings from
 */
public record ProviderContext(Path home, Map<String, String> env) {

    /** The context of this process: {@code JITI_HOME} or {@code ~/.jiti}. */
    public static ProviderContext fromEnvironment() {
        return of(System.getenv());
    }

    /** The context {@code env} gives: its {@code JITI_HOME}, or {@code ~/.jiti} of the user this JVM runs as. */
    public static ProviderContext of(Map<String, String> env) {
        String home = env.get("JITI_HOME");
        Path dir = home == null || home.isBlank()
                ? Path.of(System.getProperty("user.home"), ".jiti")
                : Path.of(home);
        return new ProviderContext(dir.toAbsolutePath(), env);
    }

    /** How long one operation may take: {@code JITI_TIMEOUT} seconds, 120 when unset or not a number. */
    public Duration operationTimeout() {
        String t = env.get("JITI_TIMEOUT");
        return Duration.ofSeconds(t != null && t.matches("\\d+") ? Long.parseLong(t) : 120);
    }
}

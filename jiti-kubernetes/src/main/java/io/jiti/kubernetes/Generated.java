package io.jiti.kubernetes;

import io.jiti.api.SecretAlphabets;
import io.jiti.spi.ProviderException;
import java.util.Map;

/** A secret value as a {@code secret} spec asks for it: generated from its alphabet, or from a variable. */
final class Generated {
    private Generated() {
    }

    /** The value for {@code spec} of particle {@code name}; {@code env} is where {@code fromEnv} reads. */
    static String value(String name, Map<String, Object> spec, Map<String, String> env) {
        Object from = spec.get("fromEnv");
        if (from != null) {
            String v = env.get(String.valueOf(from));
            if (v == null) {
                throw new ProviderException("secret " + name + ": the environment variable " + from
                        + " (fromEnv) is not set", false);
            }
            return v;
        }
        return SecretAlphabets.random(Manifests.text(spec, "alphabet", "alphanumeric"),
                Manifests.integer(spec, "length", 32));
    }
}

package io.jiti.local.agent;

import io.jiti.api.JitiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The environment of a particle's processes beyond the {@link io.jiti.local.ChildEnvironment base}: the spec's {@code env} with secret
 * references ({@link SecretRef}) replaced by their values. This is the only place values are decrypted,
 * and they go nowhere but into a child process's environment.
 */
final class Env {
    private final SecretStore secrets;

    Env(SecretStore secrets) {
        this.secrets = secrets;
    }

    Map<String, String> of(ParticleRecord r) {
        Map<String, String> env = new LinkedHashMap<>();
        Object spec = r.spec().get("env");
        if (spec instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), reveal(String.valueOf(v), String.valueOf(k), r)));
        }
        env.put("JITI_STACK", r.stack());
        env.put("JITI_PARTICLE", r.name());
        return env;
    }

    /** {@code vars} with secret references replaced by their values (for a one-off process beside {@code r}). */
    Map<String, String> reveal(Map<String, String> vars, ParticleRecord r) {
        Map<String, String> out = new LinkedHashMap<>();
        vars.forEach((k, v) -> out.put(k, reveal(v, k, r)));
        return out;
    }

    private String reveal(String value, String var, ParticleRecord r) {
        Matcher m = SecretRef.PATTERN.matcher(value);
        if (!m.find()) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        do {
            String stack = m.group(1);
            String name = m.group(2);
            String key = m.group(3);
            String secret = secrets.get(stack, name, key).orElseThrow(() -> new JitiException("env " + var + " of "
                    + r.name() + " refers to secret " + name + "." + key + " of stack " + stack + ", which has no value"));
            m.appendReplacement(out, Matcher.quoteReplacement(secret));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}

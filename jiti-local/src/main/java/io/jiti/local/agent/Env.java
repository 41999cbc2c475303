package io.jiti.local.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/** The environment of a particle's processes: the agent's own, plus the spec's {@code env}. */
final class Env {
    private Env() {
    }

    static Map<String, String> of(ParticleRecord r) {
        Map<String, String> env = new LinkedHashMap<>();
        Object spec = r.spec().get("env");
        if (spec instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        env.put("JITI_STACK", r.stack());
        env.put("JITI_PARTICLE", r.name());
        return env;
    }
}

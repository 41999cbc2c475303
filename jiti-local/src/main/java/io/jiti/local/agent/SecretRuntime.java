package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.spi.Observed;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code secret}: a value generated from {@code length} and {@code alphabet}, or supplied from an
 * environment variable of whoever runs jiti ({@code fromEnv}), sealed in the {@link SecretStore}. Its
 * output {@code value} is a {@link SecretRef}; the value itself reaches only the processes that get it in
 * their environment. The value is generated once and kept across spec-neutral updates.
 */
final class SecretRuntime implements ParticleRuntime {
    static final String KEY = "value";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> ALPHABETS = Map.of(
            "alphanumeric", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "hex", "0123456789abcdef",
            "base64url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            "printable", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%+,-./:=?@^_~");
    private final RecordStore store;
    private final SecretStore secrets;
    private volatile ParticleRecord rec;
    private volatile String supplied;
    private volatile String problem;

    SecretRuntime(RecordStore store, SecretStore secrets, ParticleRecord rec) {
        this.store = store;
        this.secrets = secrets;
        this.rec = rec;
    }

    /** The value sent by the client for {@code fromEnv}, for the next {@link #apply}; never stored as is. */
    void supply(String value) {
        this.supplied = value;
    }

    @Override
    public synchronized void apply(ParticleRecord desired) {
        boolean stored = secrets.get(desired.stack(), desired.name(), KEY).isPresent();
        boolean reshaped = !Objects.equals(rec.spec(), desired.spec()) && rec.specHash() != null
                && !rec.specHash().equals(desired.specHash());
        String fromEnv = desired.text("fromEnv", null);
        problem = null;
        if (fromEnv != null) {
            if (supplied == null) {
                problem = "environment variable " + fromEnv + " is not set where jiti runs";
            } else {
                secrets.put(desired.stack(), desired.name(), KEY, supplied);
            }
        } else if (!stored || reshaped) {
            secrets.put(desired.stack(), desired.name(), KEY, generate(desired));
        }
        supplied = null;
        rec = desired;
        store.save(rec);
    }

    private static String generate(ParticleRecord r) {
        String alphabet = ALPHABETS.get(r.text("alphabet", "alphanumeric"));
        if (alphabet == null) {
            throw new JitiException("secret " + r.name() + ": unknown alphabet " + r.text("alphabet", "")
                    + " (allowed: " + String.join(", ", new java.util.TreeSet<>(ALPHABETS.keySet())) + ")");
        }
        int length = Integer.parseInt(r.text("length", "32"));
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @Override
    public void setRunning(boolean running) {
        throw new JitiException("a secret is not started or stopped");
    }

    @Override
    public synchronized void delete() {
        secrets.delete(rec.stack(), rec.name());
        store.delete(rec.stack(), rec.name());
    }

    @Override
    public Observed observe() {
        ParticleRecord r = rec;
        boolean present = secrets.get(r.stack(), r.name(), KEY).isPresent();
        String why = problem;
        Observed.Status status = why == null && present ? Observed.Status.READY : Observed.Status.FAILED;
        String message = why != null ? why : present ? "" : "no value stored";
        Map<String, Object> outputs = present ? Map.of(KEY, SecretRef.of(r.stack(), r.name(), KEY)) : Map.of();
        return new Observed(r.stack(), r.name(), r.type(), r.specHash(), r.spec(), true, status, message, outputs,
                r.protect(), r.dependsOn(), List.of());
    }

    @Override
    public void tick() {
        // nothing runs
    }

    @Override
    public ParticleRecord record() {
        return rec;
    }
}

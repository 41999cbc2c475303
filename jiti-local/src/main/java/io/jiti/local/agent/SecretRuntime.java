package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.api.SecretAlphabets;
import java.util.List;
import java.util.Map;

/**
 * A {@code secret}: a value generated from {@code length} and {@code alphabet}, or supplied from an
 * environment variable of whoever runs jiti ({@code fromEnv}), sealed in the {@link SecretStore}. Its
 * output {@code value} is a {@link SecretRef}; the value itself reaches only the processes that get it in
 * their environment. The value is generated once and kept across spec-neutral updates.
 */
final class SecretRuntime implements ParticleRuntime {
    static final String KEY = "value";
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
        String fromEnv = desired.text("fromEnv", null);
        problem = null;
        if (fromEnv != null) {
            if (supplied == null) {
                problem = "environment variable " + fromEnv + " is not set where jiti runs";
            } else {
                secrets.put(desired.stack(), desired.name(), KEY, supplied);
            }
        } else if (!secrets.has(desired.stack(), desired.name(), KEY)) {
            // generated once: a spec change is a replace (a new particle), never an update of this one
            String value;
            try {
                value = random(desired.text("alphabet", "alphanumeric"), Integer.parseInt(desired.text("length", "32")));
            } catch (JitiException e) {
                throw new JitiException("secret " + desired.name() + ": " + e.getMessage(), e);
            }
            secrets.put(desired.stack(), desired.name(), KEY, value);
        }
        supplied = null;
        rec = store.save(desired);
    }

    /**
     * A new value: {@code supplied} for a secret that comes from the environment, else generated anew
     * with the spec's length and alphabet.
     */
    synchronized void rotate(String supplied) {
        String fromEnv = rec.text("fromEnv", null);
        String value;
        if (fromEnv != null) {
            if (supplied == null) {
                throw new Agent.AgentException(400, "secret " + rec.name() + " comes from environment variable "
                        + fromEnv + ", and no new value was sent");
            }
            value = supplied;
        } else {
            value = random(rec.text("alphabet", "alphanumeric"), Integer.parseInt(rec.text("length", "32")));
        }
        secrets.put(rec.stack(), rec.name(), KEY, value);
        problem = null;
    }

    /** {@code length} characters drawn from the named alphabet with a cryptographic random source. */
    /** A value of {@code length} characters of the alphabet {@code alphabetName} ({@link SecretAlphabets}). */
    static String random(String alphabetName, int length) {
        return SecretAlphabets.random(alphabetName, length);
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
    public Live observe() {
        ParticleRecord r = rec;
        boolean present = secrets.has(r.stack(), r.name(), KEY);
        String why = problem;
        Live.Status status = why == null && present ? Live.Status.READY : Live.Status.FAILED;
        String message = why != null ? why : present ? "" : "no value stored";
        Map<String, Object> outputs = present ? Map.of(KEY, SecretRef.of(r.stack(), r.name(), KEY)) : Map.of();
        return new Live(r.stack(), r.name(), r.type(), r.specHash(), r.spec(), true, status, message, outputs,
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

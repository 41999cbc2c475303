package io.jiti.sops.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.sops.Age;
import io.jiti.sops.AgeKeyPair;
import io.jiti.sops.Identities;
import io.jiti.sops.Opened;
import io.jiti.sops.Sops;
import io.jiti.sops.SopsException;
import io.jiti.sops.SopsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One environment's configuration in a repository: {@code config/ENV.yaml}, a SOPS file with age recipients,
 * encrypted for the recipients listed in {@code .jiti/recipients/ENV}. Every write encrypts for the
 * recipients file as it is then; a value not changed keeps its ciphertext, so a diff shows what changed.
 */
public final class EnvConfig {
    /** An environment's name, as the platform names them. */
    public static final Pattern ENV_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** A variable's name: what a process environment takes. */
    public static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private final Path dir;
    private final String env;
    private final Recipients recipients;

    private EnvConfig(Path dir, String env) {
        this.dir = dir;
        this.env = env;
        this.recipients = new Recipients(recipientsFile(), label(recipientsFile()));
    }

    /** The config of {@code env} in the repository (or any directory) {@code dir}. */
    public static EnvConfig at(Path dir, String env) {
        if (!ENV_NAME.matcher(env).matches()) {
            throw new SopsException("ENV", "'" + env + "' is not an environment name (lower-case letters, digits and "
                    + "single dashes, starting with a letter: test, staging, prod, eu-west)");
        }
        return new EnvConfig(dir, env);
    }

    /** {@code config/ENV.yaml}. */
    public Path file() {
        return dir.resolve("config").resolve(env + ".yaml");
    }

    /** {@code .jiti/recipients/ENV}. */
    public Path recipientsFile() {
        return dir.resolve(".jiti").resolve("recipients").resolve(env);
    }

    /** The file's path as messages show it: relative to the directory. */
    public String label() {
        return label(file());
    }

    /** The recipients listed for this environment. */
    public List<String> recipients() {
        return recipients.read();
    }

    /** Whether {@code config/ENV.yaml} exists. */
    public boolean exists() {
        return Files.exists(file());
    }

    /** The file as it is, parsed (form only); empty when it does not exist. */
    public Optional<SopsFile> read() {
        if (!exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SopsFile.parse(Files.readString(file()), label()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new identity whose recipient is added to this environment's recipients. */
    public AgeKeyPair keygen() throws IOException {
        AgeKeyPair pair = Age.generate();
        recipients.add(pair.recipient());
        return pair;
    }

    /**
     * Adds {@code recipient}; when the file exists and {@code identities} open it, it is written again so the
     * new recipient can read it at once. Answers what happened.
     */
    public Change addRecipient(String recipient, Identities identities, Instant now) throws IOException {
        if (!Age.isRecipient(recipient)) {
            throw new SopsException("RECIPIENT", "'" + recipient + "' is not an age recipient (age1 followed by 58 "
                    + "Bech32 characters, as 'age-keygen' or 'jiti config keygen' prints it)");
        }
        if (!recipients.add(recipient)) {
            return Change.NONE;
        }
        return rewrapIfPossible(identities, now, false);
    }

    /**
     * Removes {@code recipient}; when the file exists and {@code identities} open it, it is rotated (a new
     * data key: the removed recipient may still hold the old one).
     */
    public Change removeRecipient(String recipient, Identities identities, Instant now) throws IOException {
        if (!recipients.remove(recipient)) {
            return Change.NONE;
        }
        return rewrapIfPossible(identities, now, true);
    }

    /**
     * Sets {@code values} (names checked: environment variable names), creating the file when it does not
     * exist (then only the recipients are needed); adding to a file that exists needs an identity that opens
     * it, because a SOPS file has one data key and one MAC over all its values.
     */
    public void set(Map<String, String> values, Identities identities, Instant now) throws IOException {
        List<String> to = requireRecipients();
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        Optional<Opened> opened = Optional.empty();
        if (exists()) {
            if (identities.keys().isEmpty()) {
                throw new SopsException(label(), "it exists, and a SOPS file has one data key and one MAC over all "
                        + "its values, so changing it needs an identity that opens it: " + Identities.whereToPut());
            }
            opened = Optional.of(open(identities));
            data = opened.get().values().deepCopy();
        }
        values.forEach(data::put);
        SopsFile out = opened.isPresent() ? opened.get().write(data, to, now, label()) : Sops.encrypt(data, to, now);
        FileWrites.replace(file(), out.toYaml());
    }

    /** Removes {@code names}; answers those that were not there. */
    public List<String> unset(List<String> names, Identities identities, Instant now) throws IOException {
        Opened opened = open(identities);
        ObjectNode data = opened.values().deepCopy();
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (data.remove(n) == null) {
                missing.add(n);
            }
        }
        if (missing.size() < names.size()) {
            FileWrites.replace(file(), opened.write(data, requireRecipients(), now, label()).toYaml());
        }
        return missing;
    }

    /** Replaces every value with {@code values} (as an editor left them). */
    public void replaceAll(ObjectNode values, Identities identities, Instant now) throws IOException {
        List<String> to = requireRecipients();
        SopsFile out = exists() ? open(identities).write(values, to, now, label()) : Sops.encrypt(values, to, now);
        FileWrites.replace(file(), out.toYaml());
    }

    /** A new data key for the recipients listed now; every ciphertext changes. */
    public void rotate(Identities identities, Instant now) throws IOException {
        Opened opened = open(identities);
        FileWrites.replace(file(), opened.rotate(requireRecipients(), now, label()).toYaml());
    }

    /** The file decrypted (MAC checked) with {@code identities}. */
    public Opened open(Identities identities) {
        SopsFile f = read().orElseThrow(() -> new SopsException(label(), "does not exist; create it with 'jiti config "
                + "set " + env + " KEY=VALUE'"));
        return Sops.decrypt(f, identities, label());
    }

    /**
     * The values as environment variables: every top-level key must be a variable name and every value a
     * scalar (a string, number or boolean). Secrets: they go to a process's environment and nowhere else.
     */
    public Map<String, String> variables(Identities identities) {
        return variables(open(identities).values(), label());
    }

    /** {@code values} (a decrypted file's) as environment variables; {@code label} names the file in errors. */
    public static Map<String, String> variables(ObjectNode values, String label) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            if (!VARIABLE.matcher(e.getKey()).matches()) {
                problems.add("'" + e.getKey() + "' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
            } else if (e.getValue().isContainerNode()) {
                problems.add(e.getKey() + " holds a " + (e.getValue().isArray() ? "list" : "mapping")
                        + "; an environment variable is one string");
            } else if (!e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().isBoolean() ? String.valueOf(e.getValue().booleanValue())
                        : e.getValue().asText());
            }
        }
        if (!problems.isEmpty()) {
            throw new SopsException(label, String.join("; ", problems));
        }
        return out;
    }

    /** What a recipient change did to the file. */
    public enum Change {
        /** Nothing: the recipient was already (or not) there. */
        NONE,
        /** The recipients file changed; the config file, written again, is readable by the new set. */
        WRITTEN,
        /** The recipients file changed; the config file does not exist yet. */
        NO_FILE,
        /** The recipients file changed, but the config file could not be written again: no identity opens it. */
        NEEDS_ROTATE
    }

    private Change rewrapIfPossible(Identities identities, Instant now, boolean rotate) throws IOException {
        if (!exists()) {
            return Change.NO_FILE;
        }
        if (identities.keys().isEmpty()) {
            return Change.NEEDS_ROTATE;
        }
        List<String> to = requireRecipients();
        Opened opened = open(identities);
        SopsFile out = rotate ? opened.rotate(to, now, label()) : opened.write(opened.values(), to, now, label());
        FileWrites.replace(file(), out.toYaml());
        return Change.WRITTEN;
    }

    private List<String> requireRecipients() {
        List<String> to = recipients();
        if (to.isEmpty()) {
            throw new SopsException(label(recipientsFile()), "no recipient for " + env + ": run 'jiti config keygen "
                    + env + "' (a new key) or 'jiti config recipient add " + env + " age1…' first");
        }
        return to;
    }

    private String label(Path p) {
        Path abs = dir.toAbsolutePath().normalize();
        Path target = p.toAbsolutePath().normalize();
        return target.startsWith(abs) ? abs.relativize(target).toString() : target.toString();
    }
}

package io.jiti.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.load.YamlDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * A SOPS file in YAML: its values (encrypted where the rules say) and its {@code sops} block. Parsing checks
 * the form only; {@link Sops} decrypts. Problems of form are {@link InvalidStackException}s at
 * {@code FILE:LINE:COL}, every one found.
 *
 * @param data     the values, in file order, without the {@code sops} block
 * @param metadata the {@code sops} block
 * @param foreign  the other kinds of master key the file also has ({@code pgp}, {@code kms}, …): readable
 *                 through its age recipients, but jiti cannot keep them when it writes
 */
public record SopsFile(ObjectNode data, SopsMetadata metadata, List<String> foreign) {
    private static final List<String> FOREIGN_KEYS = List.of("kms", "gcp_kms", "azure_kv", "hc_vault", "pgp", "hckms");
    private static final List<String> UNSUPPORTED = List.of("key_groups", "shamir_threshold",
            "unencrypted_comment_regex", "encrypted_comment_regex");

    public SopsFile {
        foreign = List.copyOf(foreign);
    }

    /** Parses {@code text}, a SOPS-encrypted YAML document; {@code label} names it in diagnostics. */
    public static SopsFile parse(String text, String label) {
        YamlDocument doc = YamlDocument.parse(text, label);
        List<Diagnostic> problems = new ArrayList<>();
        if (!(doc.root() instanceof ObjectNode root)) {
            throw new InvalidStackException(List.of(new Diagnostic(label, 1, 1,
                    "expected a mapping of keys to values with a 'sops' block")));
        }
        if (!(root.get("sops") instanceof ObjectNode sops)) {
            int[] at = root.has("sops") ? doc.positions().ofValue("/sops") : new int[] {1, 1};
            throw new InvalidStackException(List.of(new Diagnostic(label, at[0], at[1],
                    "not an encrypted file: no 'sops' block (write it with 'jiti config set' or sops)")));
        }
        ObjectNode data = root.deepCopy();
        data.remove("sops");
        for (String k : UNSUPPORTED) {
            if (sops.hasNonNull(k)) {
                problems.add(at(doc, label, "/sops/" + k, "sops." + k + " is not supported: jiti reads files whose "
                        + "values are encrypted by sops' default rules or suffix/regex rules, with one group of keys"));
            }
        }
        List<AgeStanza> age = stanzas(doc, label, sops, problems);
        String lastModified = text(doc, label, sops, "lastmodified", true, problems);
        String mac = text(doc, label, sops, "mac", true, problems);
        String version = text(doc, label, sops, "version", true, problems);
        EncryptionRules rules = new EncryptionRules(text(doc, label, sops, "unencrypted_suffix", false, problems),
                text(doc, label, sops, "encrypted_suffix", false, problems),
                text(doc, label, sops, "unencrypted_regex", false, problems),
                text(doc, label, sops, "encrypted_regex", false, problems));
        List<String> foreign = FOREIGN_KEYS.stream().filter(k -> sops.get(k) instanceof ArrayNode a && !a.isEmpty()).toList();
        if (age.isEmpty() && problems.isEmpty()) {
            problems.add(at(doc, label, "/sops", "no age recipient in sops.age"
                    + (foreign.isEmpty() ? "" : " (this file is encrypted with " + String.join(", ", foreign) + ")")
                    + ": jiti decrypts with age identities only"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidStackException(problems);
        }
        return new SopsFile(data, new SopsMetadata(age, lastModified, mac, rules,
                sops.path("mac_only_encrypted").asBoolean(false), version), foreign);
    }

    /** The file as YAML, the values first and the {@code sops} block last, as SOPS writes it. */
    public String toYaml() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = data.deepCopy();
        ObjectNode sops = root.putObject("sops");
        ArrayNode age = sops.putArray("age");
        for (AgeStanza s : metadata.age()) {
            age.addObject().put("recipient", s.recipient()).put("enc", s.enc());
        }
        sops.put("lastmodified", metadata.lastModified());
        sops.put("mac", metadata.mac());
        EncryptionRules r = metadata.rules();
        putIfSet(sops, "unencrypted_suffix", r.unencryptedSuffix());
        putIfSet(sops, "encrypted_suffix", r.encryptedSuffix());
        putIfSet(sops, "unencrypted_regex", r.unencryptedRegex());
        putIfSet(sops, "encrypted_regex", r.encryptedRegex());
        if (metadata.macOnlyEncrypted()) {
            sops.set("mac_only_encrypted", f.booleanNode(true));
        }
        sops.put("version", metadata.version());
        return YamlWriter.write(root);
    }

    private static void putIfSet(ObjectNode o, String key, String value) {
        if (!value.isEmpty()) {
            o.put(key, value);
        }
    }

    private static List<AgeStanza> stanzas(YamlDocument doc, String label, ObjectNode sops, List<Diagnostic> problems) {
        JsonNode age = sops.get("age");
        List<AgeStanza> out = new ArrayList<>();
        if (age == null || age.isNull()) {
            return out;
        }
        if (!age.isArray()) {
            problems.add(at(doc, label, "/sops/age", "sops.age must be a list of {recipient, enc}"));
            return out;
        }
        for (int i = 0; i < age.size(); i++) {
            JsonNode s = age.get(i);
            String pointer = "/sops/age/" + i;
            if (!s.path("recipient").isTextual() || !s.path("enc").isTextual()) {
                problems.add(at(doc, label, pointer, "an age stanza needs 'recipient' (age1…) and 'enc' "
                        + "(the armored data key)"));
            } else if (!Age.isRecipient(s.get("recipient").asText())) {
                problems.add(at(doc, label, pointer + "/recipient", "not an age X25519 recipient: '"
                        + s.get("recipient").asText() + "'"));
            } else {
                out.add(new AgeStanza(s.get("recipient").asText(), s.get("enc").asText()));
            }
        }
        return out;
    }

    private static String text(YamlDocument doc, String label, ObjectNode sops, String key, boolean required,
                               List<Diagnostic> problems) {
        JsonNode v = sops.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(at(doc, label, "/sops", "sops." + key + " is missing"));
            }
            return "";
        }
        if (!v.isValueNode() || v.isBoolean()) {
            problems.add(at(doc, label, "/sops/" + key, "sops." + key + " must be a string"));
            return "";
        }
        return v.asText();
    }

    private static Diagnostic at(YamlDocument doc, String label, String pointer, String message) {
        int[] p = doc.positions().ofValue(pointer);
        return new Diagnostic(label, p[0], p[1], message);
    }
}

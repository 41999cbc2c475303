package io.jiti.sops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A decrypted file, in memory only: its values in the clear, and what writing it again needs (the data key,
 * the IV of each value, so that a value not changed is written byte for byte as it was and a diff shows only
 * what changed).
 *
 * @param values  the values in the clear; secrets
 * @param dataKey the file's data key; a secret
 * @param ivs     the IV each value was encrypted with, by path, type and value
 * @param file    the file as read
 */
public record Opened(ObjectNode values, byte[] dataKey, Map<String, byte[]> ivs, SopsFile file) {

    public Opened {
        ivs = Map.copyOf(ivs);
    }

    /**
     * {@code values} encrypted under this file's data key for {@code recipients}, at {@code now}; values
     * that did not change keep their ciphertext. Refused when the file has master keys jiti cannot keep.
     */
    public SopsFile write(ObjectNode values, List<String> recipients, Instant now, String label) {
        keepable(label);
        return Sops.encrypt(values, recipients, dataKey, ivs, file.metadata().rules(), file.metadata().macOnlyEncrypted(),
                now);
    }

    /** These values under a new data key (every ciphertext new) for {@code recipients}. */
    public SopsFile rotate(List<String> recipients, Instant now, String label) {
        keepable(label);
        return Sops.encrypt(values, recipients, ValueCipher.newDataKey(), Map.of(), file.metadata().rules(),
                file.metadata().macOnlyEncrypted(), now);
    }

    private void keepable(String label) {
        if (!file.foreign().isEmpty()) {
            throw new SopsException(label, "it is also encrypted with " + String.join(", ", file.foreign())
                    + ", which jiti cannot keep when it writes the file; change it with sops itself");
        }
    }

    /** The values in the clear as YAML (what {@code sops --decrypt} prints): for a person who asked to see them. */
    public String valuesYaml() {
        return yamlOf(values);
    }

    /** {@code values} as YAML, the way jiti writes config files. */
    public static String yamlOf(ObjectNode values) {
        return values.isEmpty() ? "{}\n" : YamlWriter.write(values);
    }

    /** No values, no key: an opened file never reaches a log. */
    @Override
    public String toString() {
        return "Opened[" + values.size() + " keys]";
    }
}

package io.jiti.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.InvalidStackException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SopsTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final AgeKeyPair alice = Age.generate();
    private final AgeKeyPair bob = Age.generate();

    private static ObjectNode values() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("DATABASE_URL", "postgres://app:s3cret@db/app");
        o.put("WORKERS", 5);
        o.put("RATIO", 1.5);
        o.put("DEBUG", false);
        o.put("EMPTY", "");
        o.put("WHEN", "2026-11-28T12:00:00Z");
        o.putObject("nested").put("key", "value").putArray("list").add("a").add("b");
        return o;
    }

    private String encrypted() {
        return Sops.encrypt(values(), List.of(alice.recipient(), bob.recipient()), NOW).toYaml();
    }

    private static Opened open(String yaml, AgeKeyPair who) {
        return Sops.decrypt(SopsFile.parse(yaml, "config/test.yaml"), Identities.of("test", who.identity()),
                "config/test.yaml");
    }

    @Test
    void everyRecipientDecryptsWhatWasEncrypted() {
        String yaml = encrypted();
        assertThat(open(yaml, alice).values().toString()).isEqualTo(values().toString());
        assertThat(open(yaml, bob).values().toString()).isEqualTo(values().toString());
    }

    @Test
    void theFileShowsKeysButNoValue() {
        String yaml = encrypted();
        assertThat(yaml).contains("DATABASE_URL: ENC[AES256_GCM,data:", "WORKERS: ENC[", ",type:int]", ",type:float]",
                ",type:bool]", "EMPTY: ''", "    key: ENC[", "    lastmodified: '2026-11-28T12:00:00Z'",
                "    version: 3.9.0", "recipient: " + alice.recipient(), "-----BEGIN AGE ENCRYPTED FILE-----");
        assertThat(yaml).doesNotContain("s3cret", "postgres", "value\n");
    }

    @Test
    void aTamperedValueFailsAndSaysWhichOne() {
        String yaml = encrypted();
        String line = yaml.lines().filter(l -> l.startsWith("DATABASE_URL:")).findFirst().orElseThrow();
        int at = line.indexOf("data:") + 5;
        char c = line.charAt(at);
        String tampered = yaml.replace(line, line.substring(0, at) + (c == 'A' ? 'B' : 'A') + line.substring(at + 1));
        assertThatThrownBy(() -> open(tampered, alice)).isInstanceOf(SopsException.class)
                .hasMessageContaining("config/test.yaml: the value of DATABASE_URL does not decrypt");
    }

    @Test
    void aValueMovedToAnotherKeyFails() {
        String yaml = encrypted();
        String url = yaml.lines().filter(l -> l.startsWith("DATABASE_URL:")).findFirst().orElseThrow();
        String when = yaml.lines().filter(l -> l.startsWith("WHEN:")).findFirst().orElseThrow();
        String swapped = yaml.replace(when, "WHEN:" + url.substring("DATABASE_URL:".length()));
        assertThatThrownBy(() -> open(swapped, alice)).hasMessageContaining("the value of WHEN does not decrypt");
    }

    @Test
    void aRemovedValueIsAMacMismatch() {
        String yaml = encrypted();
        String removed = yaml.lines().filter(l -> !l.startsWith("WORKERS:")).reduce("", (a, b) -> a + b + "\n");
        assertThatThrownBy(() -> open(removed, alice)).isInstanceOf(SopsException.class)
                .hasMessageContaining("MAC mismatch").hasMessageNotContaining("s3cret");
    }

    @Test
    void anotherMacOrTimeIsAMacMismatch() {
        String yaml = encrypted();
        String otherTime = yaml.replace("lastmodified: '2026-11-28T12:00:00Z'", "lastmodified: '2026-11-28T12:00:01Z'");
        assertThatThrownBy(() -> open(otherTime, alice)).hasMessageContaining("MAC mismatch");
        String otherMac = yaml.replaceFirst("mac: ENC\\[[^\\n]*",
                "mac: " + Sops.encrypt(values(), List.of(alice.recipient()), NOW).metadata().mac());
        assertThatThrownBy(() -> open(otherMac, alice)).hasMessageContaining("MAC mismatch");
    }

    @Test
    void anIdentityThatIsNoRecipientIsToldWhoIs() {
        String yaml = encrypted();
        AgeKeyPair eve = Age.generate();
        assertThatThrownBy(() -> open(yaml, eve)).isInstanceOf(SopsException.class)
                .hasMessageContaining(eve.recipient()).hasMessageContaining(alice.recipient())
                .hasMessageNotContaining(eve.identity());
        assertThatThrownBy(() -> Sops.decrypt(SopsFile.parse(yaml, "f"), Identities.none(), "f"))
                .hasMessageContaining("no age identity").hasMessageContaining("JITI_AGE_KEY_FILE");
    }

    @Test
    void writingAgainKeepsTheCiphertextOfUnchangedValues() {
        String first = encrypted();
        Opened opened = open(first, alice);
        ObjectNode changed = opened.values().deepCopy().put("WORKERS", 6);
        String second = opened.write(changed, List.of(alice.recipient(), bob.recipient()), NOW.plusSeconds(60), "f").toYaml();
        assertThat(line(second, "DATABASE_URL:")).isEqualTo(line(first, "DATABASE_URL:"));
        assertThat(line(second, "    key:")).isEqualTo(line(first, "    key:"));
        assertThat(line(second, "WORKERS:")).isNotEqualTo(line(first, "WORKERS:"));
        assertThat(open(second, bob).values().get("WORKERS").asInt()).isEqualTo(6);
    }

    @Test
    void rotationChangesEveryCiphertextAndDropsOldRecipients() {
        String first = encrypted();
        String rotated = open(first, alice).rotate(List.of(alice.recipient()), NOW, "f").toYaml();
        assertThat(line(rotated, "DATABASE_URL:")).isNotEqualTo(line(first, "DATABASE_URL:"));
        assertThat(open(rotated, alice).values().toString()).isEqualTo(values().toString());
        assertThatThrownBy(() -> open(rotated, bob)).hasMessageContaining("is a recipient of it");
    }

    @Test
    void suffixRulesLeaveValuesInTheClearAndStillUnderTheMac() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("password", "x").put("region_unencrypted", "eu");
        EncryptionRules rules = new EncryptionRules("_unencrypted", "", "", "");
        String yaml = Sops.encrypt(o, List.of(alice.recipient()), ValueCipher.newDataKey(), java.util.Map.of(), rules,
                false, NOW).toYaml();
        assertThat(yaml).contains("region_unencrypted: eu", "unencrypted_suffix: _unencrypted");
        assertThat(open(yaml, alice).values()).isEqualTo(o);
        assertThatThrownBy(() -> open(yaml.replace("region_unencrypted: eu", "region_unencrypted: us"), alice))
                .hasMessageContaining("MAC mismatch");
    }

    @Test
    void aFileWithoutSopsBlockOrWithABadRecipientSaysWhere() {
        assertThatThrownBy(() -> SopsFile.parse("A: b\n", "config/test.yaml")).isInstanceOf(InvalidStackException.class)
                .hasMessageContaining("config/test.yaml:1:1: not an encrypted file");
        String yaml = encrypted().replace("recipient: " + bob.recipient(), "recipient: age1nope");
        assertThatThrownBy(() -> SopsFile.parse(yaml, "f.yaml")).isInstanceOf(InvalidStackException.class)
                .hasMessageMatching("(?s)f\\.yaml:\\d+:\\d+: not an age X25519 recipient: 'age1nope'.*");
        assertThatThrownBy(() -> SopsFile.parse("A: [\n", "f.yaml")).hasMessageContaining("f.yaml:2:1: invalid YAML");
    }

    @Test
    void aHandEditedValueIsNamed() {
        String yaml = encrypted().replaceFirst("WORKERS: ENC\\[[^\\n]*", "WORKERS: 7");
        assertThatThrownBy(() -> open(yaml, alice)).hasMessageContaining("the value of WORKERS is not encrypted");
    }

    @Test
    void keysAndRecipientsAreChecked() {
        assertThat(Age.recipientOf(alice.identity())).contains(alice.recipient());
        assertThat(Age.isRecipient(alice.recipient())).isTrue();
        String broken = alice.recipient().substring(0, 61) + (alice.recipient().endsWith("q") ? "p" : "q");
        assertThat(Age.isRecipient(broken)).isFalse();
        assertThat(Age.recipientOf("AGE-SECRET-KEY-1XYZ")).isEmpty();
        assertThat(alice.toString()).doesNotContain(alice.identity());
        assertThatThrownBy(() -> Identities.of("JITI_AGE_KEY", "not-a-key")).hasMessageContaining("JITI_AGE_KEY: line 1");
    }

    private static String line(String yaml, String prefix) {
        return yaml.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
}

package io.jiti.sops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.jiti.api.InvalidStackException;
import io.jiti.sops.Age;
import io.jiti.sops.AgeKeyPair;
import io.jiti.sops.Identities;
import io.jiti.sops.SopsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvConfigTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    @TempDir
    Path repo;

    @Test
    void keygenListsTheRecipientAndSetNeedsOnlyRecipientsForANewFile() throws Exception {
        EnvConfig test = EnvConfig.at(repo, "test");
        AgeKeyPair key = test.keygen();
        assertThat(Files.readString(repo.resolve(".jiti/recipients/test"))).isEqualTo(key.recipient() + "\n");
        test.set(Map.of("API_TOKEN", "t0k3n"), Identities.none(), NOW);
        Path file = repo.resolve("config/test.yaml");
        assertThat(Files.readString(file)).contains("API_TOKEN: ENC[").doesNotContain("t0k3n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        Identities id = Identities.of("JITI_AGE_KEY", key.identity());
        assertThat(test.variables(id)).containsExactly(Map.entry("API_TOKEN", "t0k3n"));
    }

    @Test
    void changingAnExistingFileNeedsAnIdentityAndKeepsOtherCiphertexts() throws Exception {
        EnvConfig test = EnvConfig.at(repo, "test");
        AgeKeyPair key = test.keygen();
        Identities id = Identities.of("JITI_AGE_KEY", key.identity());
        test.set(Map.of("A", "1", "B", "2"), Identities.none(), NOW);
        String before = Files.readString(test.file());
        assertThatThrownBy(() -> test.set(Map.of("C", "3"), Identities.none(), NOW)).isInstanceOf(SopsException.class)
                .hasMessageContaining("config/test.yaml: it exists").hasMessageContaining("JITI_AGE_KEY_FILE");
        assertThat(Files.readString(test.file())).isEqualTo(before);
        test.set(Map.of("B", "two", "C", "3"), id, NOW.plusSeconds(1));
        String after = Files.readString(test.file());
        assertThat(line(after, "A:")).isEqualTo(line(before, "A:"));
        assertThat(line(after, "B:")).isNotEqualTo(line(before, "B:"));
        assertThat(test.variables(id)).containsOnly(Map.entry("A", "1"), Map.entry("B", "two"), Map.entry("C", "3"));
        assertThat(test.unset(List.of("A", "Z"), id, NOW)).containsExactly("Z");
        assertThat(test.variables(id)).containsOnlyKeys("B", "C");
    }

    @Test
    void aNewRecipientCanReadOnceSomeoneWithAnIdentityWritesAgain() throws Exception {
        EnvConfig prod = EnvConfig.at(repo, "prod");
        AgeKeyPair ops = prod.keygen();
        prod.set(Map.of("K", "v"), Identities.none(), NOW);
        AgeKeyPair dev = Age.generate();
        Identities devId = Identities.of("dev", dev.identity());
        assertThat(prod.addRecipient(dev.recipient(), Identities.none(), NOW)).isEqualTo(EnvConfig.Change.NEEDS_ROTATE);
        assertThatThrownBy(() -> prod.variables(devId)).hasMessageContaining("is a recipient");
        Identities opsId = Identities.of("ops", ops.identity());
        prod.rotate(opsId, NOW);
        assertThat(prod.variables(devId)).containsEntry("K", "v");
        assertThat(prod.addRecipient(dev.recipient(), opsId, NOW)).isEqualTo(EnvConfig.Change.NONE);
        assertThat(prod.removeRecipient(dev.recipient(), opsId, NOW)).isEqualTo(EnvConfig.Change.WRITTEN);
        assertThatThrownBy(() -> prod.variables(devId)).hasMessageContaining("is a recipient");
        assertThat(prod.variables(opsId)).containsEntry("K", "v");
    }

    @Test
    void badNamesValuesAndRecipientsAreBadInput() throws Exception {
        assertThatThrownBy(() -> EnvConfig.at(repo, "Prod!")).hasMessageContaining("not an environment name");
        EnvConfig test = EnvConfig.at(repo, "test");
        assertThatThrownBy(() -> test.set(Map.of("A", "1"), Identities.none(), NOW))
                .hasMessageContaining("no recipient for test").hasMessageContaining("jiti config keygen test");
        assertThatThrownBy(() -> test.addRecipient("age1bad", Identities.none(), NOW))
                .hasMessageContaining("not an age recipient");
        Files.createDirectories(repo.resolve(".jiti/recipients"));
        Files.writeString(repo.resolve(".jiti/recipients/test"), "# team\nage1bad\n");
        assertThatThrownBy(test::recipients).isInstanceOf(InvalidStackException.class)
                .hasMessageContaining(".jiti/recipients/test:2:1: not an age recipient");
        var nested = JsonNodeFactory.instance.objectNode();
        nested.putObject("db").put("url", "x");
        nested.put("bad-name", "y");
        assertThatThrownBy(() -> EnvConfig.variables(nested, "config/test.yaml"))
                .hasMessageContaining("db holds a mapping").hasMessageContaining("'bad-name' is not a variable name");
    }

    private static String line(String yaml, String prefix) {
        return yaml.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
}

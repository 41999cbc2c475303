package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.command.Invocation;
import io.jiti.sops.Age;
import io.jiti.sops.AgeKeyPair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jiti config}: the commands a team uses on a repository's encrypted config, end to end (the editor is a real process). */
class ConfigCommandIT {
    @TempDir
    Path repo;
    private final Map<String, String> env = new HashMap<>(Map.of("HOME", "/nonexistent", "PATH", System.getenv("PATH")));

    record Result(int code, String out, String err) {
    }

    private Result jiti(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                new Invocation(List.of(args), repo, env, false));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void keygenSetGetRotateAndRecipients() throws Exception {
        Result keygen = jiti("config", "keygen", "test", "--out", "keys/test.key");
        assertThat(keygen.code()).as(keygen.err()).isZero();
        Path key = repo.resolve("keys/test.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).contains("# public key: age1", "AGE-SECRET-KEY-1");
        assertThat(jiti("config", "keygen", "test", "--out", "keys/test.key").code()).isEqualTo(2);

        Result set = jiti("config", "set", "test", "DATABASE_URL=postgres://db/app", "API_TOKEN=t0k3n");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("Set DATABASE_URL, API_TOKEN in config/test.yaml").doesNotContain("t0k3n");
        String file = Files.readString(repo.resolve("config/test.yaml"));
        assertThat(file).contains("API_TOKEN: ENC[AES256_GCM,").doesNotContain("t0k3n", "postgres");

        Result noIdentity = jiti("config", "set", "test", "API_TOKEN=other");
        assertThat(noIdentity.code()).isEqualTo(2);
        assertThat(noIdentity.err()).contains("needs an identity", "JITI_AGE_KEY_FILE");
        assertThat(Files.readString(repo.resolve("config/test.yaml"))).isEqualTo(file);

        env.put("JITI_AGE_KEY_FILE", key.toString());
        assertThat(jiti("config", "get", "test", "API_TOKEN").out()).isEqualTo("t0k3n\n");
        assertThat(jiti("config", "get", "test").out()).isEqualTo("DATABASE_URL: postgres://db/app\nAPI_TOKEN: t0k3n\n");
        assertThat(jiti("config", "get", "test", "--json").out()).contains("\"API_TOKEN\"", "\"t0k3n\"");
        Result missing = jiti("config", "get", "test", "NOPE");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no NOPE in config/test.yaml (keys: DATABASE_URL, API_TOKEN)");

        AgeKeyPair teammate = Age.generate();
        Result add = jiti("config", "recipient", "add", "test", teammate.recipient());
        assertThat(add.out()).contains("written again for the recipients listed now");
        env.put("JITI_AGE_KEY_FILE", "");
        env.put("SOPS_AGE_KEY", teammate.identity());
        assertThat(jiti("config", "get", "test", "DATABASE_URL").out()).isEqualTo("postgres://db/app\n");
        String beforeRotate = Files.readString(repo.resolve("config/test.yaml"));
        Result rotate = jiti("config", "rotate", "test");
        assertThat(rotate.code()).as(rotate.err()).isZero();
        assertThat(line(Files.readString(repo.resolve("config/test.yaml")), "API_TOKEN:"))
                .isNotEqualTo(line(beforeRotate, "API_TOKEN:"));
        assertThat(jiti("config", "recipient", "list", "test").out().lines()).hasSize(2).contains(teammate.recipient());
    }

    @Test
    void badNamesAndTamperedFilesExitTwoWithoutValues() throws Exception {
        assertThat(jiti("config", "set", "Test", "A=1").err()).contains("'Test' is not an environment name");
        assertThat(jiti("config", "set", "test", "A=1").err()).contains("no recipient for test");
        jiti("config", "keygen", "test", "--out", "test.key");
        Result bad = jiti("config", "set", "test", "not-a-name=1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'not-a-name' is not a variable name");
        assertThat(jiti("config", "set", "test", "SECRET=hunter2").code()).isZero();
        Path f = repo.resolve("config/test.yaml");
        String text = Files.readString(f);
        String line = line(text, "SECRET:");
        int at = line.indexOf("data:") + 5;
        Files.writeString(f, text.replace(line, line.substring(0, at) + (line.charAt(at) == 'A' ? 'B' : 'A')
                + line.substring(at + 1)));
        env.put("JITI_AGE_KEY_FILE", repo.resolve("test.key").toString());
        Result tampered = jiti("config", "get", "test");
        assertThat(tampered.code()).isEqualTo(2);
        assertThat(tampered.err()).contains("config/test.yaml: the value of SECRET does not decrypt")
                .doesNotContain("hunter2");
        assertThat(tampered.out()).isEmpty();
    }

    @Test
    void editDecryptsIntoAPrivateFileAndEncryptsWhatWasSaved() throws Exception {
        jiti("config", "keygen", "test", "--out", "test.key");
        env.put("JITI_AGE_KEY_FILE", repo.resolve("test.key").toString());
        jiti("config", "set", "test", "KEEP=same", "CHANGE=old");
        String before = Files.readString(repo.resolve("config/test.yaml"));
        Path editor = repo.resolve("editor.sh");
        Path seen = repo.resolve("seen");
        Files.writeString(editor, "#!/bin/sh\nstat -c %a \"$1\" > " + seen + "\ncat \"$1\" >> " + seen
                + "\nsed -i 's/^CHANGE: .*/CHANGE: new/' \"$1\"\necho 'ADDED: yes-string' >> \"$1\"\n");
        editor.toFile().setExecutable(true);
        env.put("EDITOR", editor.toString());
        Result edit = jiti("config", "edit", "test");
        assertThat(edit.code()).as(edit.err()).isZero();
        assertThat(Files.readString(seen)).startsWith("600\n").contains("KEEP: same", "CHANGE: old");
        String after = Files.readString(repo.resolve("config/test.yaml"));
        assertThat(line(after, "KEEP:")).isEqualTo(line(before, "KEEP:"));
        assertThat(line(after, "CHANGE:")).isNotEqualTo(line(before, "CHANGE:"));
        assertThat(jiti("config", "get", "test").out()).isEqualTo("KEEP: same\nCHANGE: new\nADDED: yes-string\n");

        Files.writeString(editor, "#!/bin/sh\necho 'X: [' > \"$1\"\n");
        Result invalid = jiti("config", "edit", "test");
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("config/test.yaml (as edited):2:1: invalid YAML");
        assertThat(Files.readString(repo.resolve("config/test.yaml"))).isEqualTo(after);
    }

    private static String line(String yaml, String prefix) {
        return yaml.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
}

package io.jiti.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiti.sops.config.EnvConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jiti's config files against tools no one here wrote: the npm package {@code sops-age} decrypts what
 * {@code jiti config set} writes, Debian's {@code age} CLI unwraps its data key and independent code (noble's
 * AES-GCM and SHA-512) checks its MAC; a file written by those libraries alone is read by jiti. Needs
 * {@code node}, {@code npm} and {@code age} (under CI=true they must be there: .ci/run installs them); the npm
 * packages, pinned in {@code interop/package.json}, are installed into {@code target/interop} once.
 */
class SopsInteropIT {
    private static final Path NODE_DIR = Path.of("target", "interop").toAbsolutePath();
    private static final Path AGE = Path.of("/usr/bin/age");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path repo;

    @BeforeAll
    static void installCheckers() throws Exception {
        boolean present = onPath("node") && onPath("npm") && Files.isExecutable(AGE);
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI needs node, npm and /usr/bin/age (.ci/run installs nodejs, npm and age)");
        }
        Assumptions.assumeTrue(present, "node, npm or age missing here: apt-get install nodejs npm age");
        Files.createDirectories(NODE_DIR);
        for (String f : List.of("package.json", "decrypt.mjs", "verify-mac.mjs", "write-fixture.mjs")) {
            try (var in = SopsInteropIT.class.getResourceAsStream("/interop/" + f)) {
                Files.write(NODE_DIR.resolve(f), in.readAllBytes());
            }
        }
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/sops-age"))) {
            run(null, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", NODE_DIR.toString());
        }
    }

    @Test
    void sopsAgeDecryptsWhatJitiConfigSetWrote() throws Exception {
        EnvConfig test = EnvConfig.at(repo, "test");
        AgeKeyPair key = test.keygen();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DATABASE_URL", "postgres://app:pa ss@127.0.0.1:5432/app?sslmode=disable");
        values.put("GREETING", "grüß dich — ✓");
        values.put("MULTI_LINE", "line one\nline two\n");
        values.put("EMPTY", "");
        test.set(values, Identities.none(), Instant.now());
        String out = run(Map.of("SOPS_AGE_KEY", key.identity()), "node", NODE_DIR.resolve("decrypt.mjs").toString(),
                test.file().toString());
        assertThat(JSON.readValue(out, Map.class)).isEqualTo(values);
    }

    @Test
    void theAgeCliUnwrapsTheDataKeyAndIndependentCodeChecksTheMac() throws Exception {
        EnvConfig test = EnvConfig.at(repo, "test");
        AgeKeyPair key = test.keygen();
        test.set(Map.of("A", "1", "B", "two"), Identities.none(), Instant.now());
        SopsFile file = test.read().orElseThrow();
        Path identity = repo.resolve("key.txt");
        Files.writeString(identity, key.identity() + "\n");
        Path armored = repo.resolve("enc.age");
        Files.writeString(armored, file.metadata().age().get(0).enc());
        byte[] dataKey = runBytes("age", "--decrypt", "-i", identity.toString(), armored.toString());
        assertThat(dataKey).hasSize(32);
        assertThat(run(null, "node", NODE_DIR.resolve("verify-mac.mjs").toString(), test.file().toString(),
                HexFormat.of().formatHex(dataKey))).contains("mac ok");
    }

    @Test
    void jitiReadsAFileWrittenWithTheirLibrariesAndTheAgeCli() throws Exception {
        AgeKeyPair key = Age.generate();
        byte[] dataKey = new byte[32];
        new java.security.SecureRandom().nextBytes(dataKey);
        Path plainKey = repo.resolve("datakey");
        Files.write(plainKey, dataKey);
        Path armored = repo.resolve("enc.age");
        runBytes("age", "--encrypt", "--armor", "-r", key.recipient(), "-o", armored.toString(), plainKey.toString());
        Path fixture = repo.resolve("config").resolve("test.yaml");
        Files.createDirectories(fixture.getParent());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("API_TOKEN", "t0k3n");
        values.put("WORKERS", 4);
        values.put("DEBUG", true);
        values.put("NOTE", "");
        run(null, "node", NODE_DIR.resolve("write-fixture.mjs").toString(), fixture.toString(),
                JSON.writeValueAsString(values), HexFormat.of().formatHex(dataKey), key.recipient(), armored.toString());
        EnvConfig test = EnvConfig.at(repo, "test");
        Identities id = Identities.of("JITI_AGE_KEY", key.identity());
        assertThat(test.variables(id)).containsExactly(Map.entry("API_TOKEN", "t0k3n"), Map.entry("WORKERS", "4"),
                Map.entry("DEBUG", "true"), Map.entry("NOTE", ""));

        String text = Files.readString(fixture);
        String tampered = text.replaceFirst("(API_TOKEN: ENC\\[AES256_GCM,data:)(.)", "$1" + (text.contains(
                "API_TOKEN: ENC[AES256_GCM,data:A") ? "B" : "A"));
        Files.writeString(fixture, tampered);
        assertThatThrownBy(() -> test.variables(id)).isInstanceOf(SopsException.class)
                .hasMessageContaining("API_TOKEN does not decrypt").hasMessageNotContaining("t0k3n");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        return new String(exec(env, command), StandardCharsets.UTF_8);
    }

    private static byte[] runBytes(String... command) throws IOException, InterruptedException {
        return exec(null, command);
    }

    private static byte[] exec(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(NODE_DIR.toFile());
        if (env != null) {
            pb.environment().putAll(env);
        }
        Path err = Files.createTempFile("interop", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ": "
                        + Files.readString(err));
            }
            return out;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }
}

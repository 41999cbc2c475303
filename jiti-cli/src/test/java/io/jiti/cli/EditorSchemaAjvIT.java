package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.load.YamlDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published editor schema checked by a validator no one here wrote: Ajv (draft 2020-12, installed from
 * the npm registry into {@code target/ajv} by the test) compiles {@code schema/jiti.schema.json} (every
 * {@code $ref} must resolve, no remote fetch) and validates every example stack against it, blueprint
 * particles included; a stack with an unknown type or a misspelt field is rejected.
 */
class EditorSchemaAjvIT {
    private static final Path SCHEMA = Path.of("../schema/jiti.schema.json").toAbsolutePath().normalize();
    private static final String CHECK = """
            const Ajv2020 = require('ajv/dist/2020');
            const fs = require('fs');
            const ajv = new Ajv2020({allErrors: true, strict: false, loadSchema: () => { throw new Error('no remote fetch'); }});
            const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
            for (const file of process.argv.slice(3)) {
              const ok = validate(JSON.parse(fs.readFileSync(file, 'utf8')));
              console.log((ok ? 'valid ' : 'invalid ') + file + (ok ? '' : ' ' + JSON.stringify(validate.errors)));
            }
            """;

    private static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", cmd, out).isZero();
        return out;
    }

    /** A stack file as JSON, as an editor with the YAML language server sees it. */
    private static Path json(Path dir, Path yaml, String name) throws IOException {
        Path out = dir.resolve(name + ".json");
        Files.writeString(out, JsonOut.write(YamlDocument.parse(Files.readString(yaml), yaml.toString()).root()));
        return out;
    }

    @Test
    void ajvCompilesTheSchemaAndAcceptsEveryExampleStack() throws Exception {
        Path dir = Path.of("target/ajv").toAbsolutePath();
        Files.createDirectories(dir);
        if (!Files.isDirectory(dir.resolve("node_modules/ajv"))) {
            run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", "ajv@8.17.1"));
        }
        Files.writeString(dir.resolve("check.js"), CHECK);
        List<String> cmd = new ArrayList<>(List.of("node", "check.js", SCHEMA.toString()));
        List<String> examples = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("../examples"))) {
            for (Path ex : s.filter(p -> Files.isRegularFile(p.resolve("jiti.yaml"))).sorted().toList()) {
                cmd.add(json(dir, ex.resolve("jiti.yaml"), ex.getFileName().toString()).toString());
                examples.add(ex.getFileName().toString());
            }
        }
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "stack: s\nparticles:\n  - {name: a, type: blueprint-x}\n");
        cmd.add(json(dir, unknown, "bad-unknown-type").toString());
        Path misspelt = dir.resolve("misspelt.yaml");
        Files.writeString(misspelt, "stack: s\nparticles:\n  - {name: t, type: table, spec: {partitionKey: {name: id, typ: S}}}\n");
        cmd.add(json(dir, misspelt, "bad-table-attribute").toString());

        List<String> lines = run(dir, cmd).lines().toList();
        assertThat(examples).contains("blueprints", "hello", "shop");
        for (String ex : examples) {
            assertThat(lines).as("example %s", ex).contains("valid " + dir.resolve(ex + ".json"));
        }
        assertThat(lines).anyMatch(l -> l.startsWith("invalid " + dir.resolve("bad-unknown-type.json") + " "))
                .anyMatch(l -> l.startsWith("invalid " + dir.resolve("bad-table-attribute.json") + " ")
                        && l.contains("additionalProperty") && l.contains("typ"));
    }
}

package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every kind of bad input exits 2 with FILE:LINE:COL, for every command that reads a stack. */
class BadInputTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), false, args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path stack(String yaml) throws IOException {
        Path f = dir.resolve("jiti.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown type            | 'particles: [{name: a, type: servise}]'                                  | 2:29: unknown type 'servise' (known types: bucket, file, job, postgres, queue, secret, service, table)
            unknown field           | 'particles: [{name: a, type: job, spec: {command: x, comand: y}}]'       | 2:53: unknown field 'comand' (allowed: image, command, env, connect, workdir)
            wrong value type        | 'particles: [{name: a, type: service, spec: {command: x, instances: many}}]' | 2:68: wrong value type: expected integer, got string
            missing required field  | 'particles: [{name: a, type: job, spec: {}}]'                             | 2:40: missing required field 'command'
            duplicate particle name | 'particles: [{name: a, type: job, spec: {command: x}}, {name: a, type: job, spec: {command: y}}]' | 2:62: duplicate particle name 'a' (first defined at line 2)
            unknown particle ref    | 'particles: [{name: a, type: job, spec: {command: "echo ${b.url}"}}]'      | 2:50: reference ${b.url} names an unknown particle 'b' (particles: a)
            unknown output ref      | 'particles: [{name: a, type: file, spec: {content: x}}, {name: b, type: job, spec: {command: "cat ${a.url}"}}]' | 2:93: reference ${a.url} names an unknown output 'url' of 'a' (type file has: path)
            dependency cycle        | 'particles: [{name: a, type: job, dependsOn: [b], spec: {command: x}}, {name: b, type: job, dependsOn: [a], spec: {command: y}}]' | 2:20: dependency cycle: a -> b -> a
            name too short for type | 'particles: [{name: ev, type: table, spec: {partitionKey: {name: id}}}]'  | 2:20: invalid name for a table: must be at least 3 characters long (a table name is 3-255 characters)
            value not allowed       | 'particles: [{name: events, type: table, spec: {partitionKey: {name: id, type: text}}}]' | 2:79: invalid value "text" (allowed: "string", "number", "binary")
            invalid YAML            | 'particles: [{name: a, type: job'                                        | 3:1: invalid YAML:
            """)
    void exitsTwoWithAPosition(String kind, String particles, String expected) throws IOException {
        Path f = stack("stack: bad\n" + particles + "\n");
        for (String command : new String[] {"validate", "plan", "up", "status", "down", "graph"}) {
            Result r = run(command, f.toString());
            assertThat(r.code()).as(command + " " + kind + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(command).contains(f + ":" + expected);
            assertThat(r.err()).contains("nothing was applied");
        }
    }

    @Test
    void aDirectoryWithoutAStackFileIsBadInput() {
        Result r = run("validate", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("jiti.yaml") + ":0:0: no such file (a directory must hold jiti.yaml)");
    }

    @Test
    void anUnknownProviderIsBadInput() throws IOException {
        Path f = stack("stack: s\nprovider: moon\nparticles: []\n");
        Result r = run("plan", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown provider 'moon' (available: kubernetes, local)");
    }

    @Test
    void usageErrorsExitTwo() {
        Result r = run("plan", "--no-such-option");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void validStacksValidate() throws IOException {
        Path f = stack("stack: good\nparticles: [{name: a, type: job, spec: {command: 'true'}}]\n");
        Result r = run("validate", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("stack good is valid (1 particle)");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : new String[] {"validate", "plan", "up", "status", "down", "logs", "graph", "schema"}) {
            Result r = run(command, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).as(command).contains("Usage: jiti " + command).contains("Example");
        }
    }

    @Test
    void graphPrintsDotAndMermaid() throws IOException {
        Path f = stack("""
                stack: g
                particles:
                  - {name: cfg, type: file, spec: {content: x}}
                  - {name: app, type: service, dependsOn: [cfg], spec: {command: "run ${cfg.path}"}}
                """);
        assertThat(run("graph", f.toString()).out()).contains("\"app\" -> \"cfg\";");
        assertThat(run("graph", "--format", "mermaid", f.toString()).out()).contains("app --> cfg");
    }
}

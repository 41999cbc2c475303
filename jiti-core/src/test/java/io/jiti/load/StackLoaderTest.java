package io.jiti.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jiti.api.DesiredState;
import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackLoaderTest {
    private final StackLoader loader = new StackLoader(TypeCatalog.portable());

    private List<Diagnostic> problems(String yaml) {
        InvalidStackException e = catchThrowableOfType(InvalidStackException.class,
                () -> loader.parse(yaml, "jiti.yaml", Path.of(".")));
        assertThat(e).as("expected the stack to be invalid").isNotNull();
        return e.diagnostics();
    }

    @Test
    void aDefaultWrittenOutIsTheSameSpecAsOneLeftImplicit() {
        String implicit = "stack: s\nparticles:\n  - {name: jobs, type: queue}\n";
        String explicit = "stack: s\nparticles:\n  - {name: jobs, type: queue, spec: {fifo: false, visibilityTimeout: 30}}\n";
        var a = loader.parse(implicit, "jiti.yaml", Path.of(".")).particles().get(0).spec();
        var b = loader.parse(explicit, "jiti.yaml", Path.of(".")).particles().get(0).spec();
        assertThat(a).isEqualTo(b).containsEntry("fifo", false).containsEntry("delay", 0);
    }

    @Test
    void loadsAValidStack() {
        Stack stack = loader.parse("""
                stack: hello
                particles:
                  - name: web
                    type: service
                    spec:
                      command: java Hello.java
                      instances: 2
                      env:
                        GREETING_FILE: ${greeting.path}
                  - name: greeting
                    type: file
                    state: running
                    protect: true
                    spec: {content: "hi"}
                """, "jiti.yaml", Path.of("."));
        assertThat(stack.name()).isEqualTo("hello");
        assertThat(stack.particles()).hasSize(2);
        assertThat(stack.particle("web").orElseThrow().spec()).containsEntry("instances", 2);
        assertThat(stack.particle("greeting").orElseThrow().protect()).isTrue();
        assertThat(stack.particle("greeting").orElseThrow().state()).isEqualTo(DesiredState.RUNNING);
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        List<Diagnostic> p = problems("""
                stack: s
                particles:
                  - name: a
                    type: servise
                """);
        assertThat(p).singleElement().hasToString(
                "jiti.yaml:4:11: unknown type 'servise' (known types: bucket, file, job, postgres, queue, secret, service, table)");
    }

    @Test
    void unknownFieldPointsAtTheKeyAndListsTheAllowed() {
        List<Diagnostic> p = problems("""
                stack: s
                particles:
                  - name: a
                    type: service
                    spec:
                      command: x
                      instanses: 2
                """);
        assertThat(p).singleElement().hasToString("jiti.yaml:7:7: unknown field 'instanses' (allowed: image, command, "
                + "instances, env, connect, autoscale, readyTimeout, health)");
    }

    @Test
    void unknownParticleFieldIsReported() {
        assertThat(problems("""
                stack: s
                particles:
                  - name: a
                    type: job
                    depends: [b]
                    spec: {command: x}
                """)).singleElement().hasToString("jiti.yaml:5:5: unknown field 'depends' (allowed: name, type, state, "
                + "spec, dependsOn, protect, permissions)");
    }

    @Test
    void permissionsAreCheckedAgainstTheResourcesAndTheirTypesActions() {
        assertThat(problems("""
                stack: s
                particles:
                  - name: files
                    type: bucket
                  - name: jobs
                    type: queue
                  - name: api
                    type: service
                    spec: {command: x}
                    permissions:
                      - actions: ["bucket:read", "bucket:erase"]
                        resources: [files]
                      - actions: ["queue:send"]
                        resources: [files]
                      - actions: ["bucket:read"]
                        resources: [files, jobs]
                      - actions: ["queue:send"]
                        resources: [nothing]
                      - actions: [send]
                        resources: [jobs]
                """)).extracting(Object::toString).containsExactly(
                "jiti.yaml:11:34: unknown action 'bucket:erase' (allowed: bucket:read, bucket:write, bucket:delete, "
                        + "bucket:list, bucket:*)",
                "jiti.yaml:13:19: action 'queue:send' does not apply to a bucket (allowed: bucket:read, bucket:write, "
                        + "bucket:delete, bucket:list)",
                "jiti.yaml:16:20: the resources of one permission have one type (here: bucket, queue); write one "
                        + "permission per type",
                "jiti.yaml:18:21: a permission names an unknown particle 'nothing' (particles: files, jobs, api)",
                "jiti.yaml:19:19: invalid value \"send\": must match ^[a-z][a-z0-9.]*:([a-z][a-z-]*|\\*)$");
    }

    @Test
    void permissionsAreAggregatedOncePerPrincipalActionAndResource() {
        var stack = new StackLoader(TypeCatalog.portable()).parse("""
                stack: s
                particles:
                  - name: files
                    type: bucket
                  - name: api
                    type: service
                    spec: {command: x}
                    permissions:
                      - {actions: ["bucket:read", "bucket:write"], resources: [files], note: uploads}
                      - {actions: ["bucket:read"], resources: [files]}
                """, "jiti.yaml", null);
        assertThat(stack.permissions()).extracting(Object::toString).containsExactly(
                "Grant[principal=api, action=bucket:read, resource=files, note=uploads]",
                "Grant[principal=api, action=bucket:write, resource=files, note=uploads]");
    }

    @Test
    void wrongValueTypeSaysWhatWasExpected() {
        assertThat(problems("""
                stack: s
                particles:
                  - name: a
                    type: service
                    spec:
                      command: x
                      instances: two
                """)).singleElement().hasToString("jiti.yaml:7:18: wrong value type: expected integer, got string");
    }

    @Test
    void missingRequiredField() {
        assertThat(problems("""
                stack: s
                particles:
                  - name: a
                    type: file
                    spec:
                      filename: a.txt
                """)).singleElement().hasToString("jiti.yaml:6:7: missing required field 'content'");
    }

    @Test
    void invalidStateListsTheAllowedValues() {
        assertThat(problems("""
                stack: s
                particles:
                  - name: a
                    type: job
                    state: paused
                    spec: {command: x}
                """)).singleElement().hasToString(
                "jiti.yaml:5:12: invalid value \"paused\" (allowed: \"running\", \"stopped\", \"absent\")");
    }

    @Test
    void aWrittenNameMayNotHaveADotEvenWithoutBlueprints() {
        assertThat(problems("""
                stack: s
                particles:
                  - name: a.b
                    type: job
                    spec: {command: x}
                """)).singleElement().hasToString("jiti.yaml:3:11: a particle name may not contain '.' ('a.b'): "
                + "names with dots are those of blueprint members (NAME.MEMBER)");
    }

    @Test
    void duplicateParticleName() {
        assertThat(problems("""
                stack: s
                particles:
                  - name: a
                    type: job
                    spec: {command: x}
                  - name: a
                    type: job
                    spec: {command: y}
                """)).singleElement().hasToString(
                "jiti.yaml:6:11: duplicate particle name 'a' (first defined at line 3)");
    }

    @Test
    void referenceToUnknownParticleOrOutput() {
        List<Diagnostic> p = problems("""
                stack: s
                particles:
                  - name: a
                    type: job
                    spec:
                      command: echo ${nope.url}
                  - name: b
                    type: job
                    spec:
                      command: echo ${a.url}
                """);
        assertThat(p).extracting(Diagnostic::toString).containsExactly(
                "jiti.yaml:6:16: reference ${nope.url} names an unknown particle 'nope' (particles: a, b)",
                "jiti.yaml:10:16: reference ${a.url} names an unknown output 'url' of 'a' (type job has: exitCode)");
    }

    @Test
    void dependencyCycleIsNamed() {
        List<Diagnostic> p = problems("""
                stack: s
                particles:
                  - name: a
                    type: job
                    dependsOn: [c]
                    spec: {command: x}
                  - name: b
                    type: job
                    spec: {command: "echo ${a.exitCode}"}
                  - name: c
                    type: job
                    spec: {command: "echo ${b.exitCode}"}
                """);
        assertThat(p).singleElement().hasToString("jiti.yaml:3:11: dependency cycle: a -> c -> b -> a");
    }

    @Test
    void invalidYamlHasAPosition() {
        assertThat(problems("""
                stack: s
                particles:
                  - name: a
                   type: job
                """)).singleElement().satisfies(d -> {
                    assertThat(d.line()).isEqualTo(4);
                    assertThat(d.message()).startsWith("invalid YAML: ");
                });
    }

    @Test
    void anAliasCycleIsRefusedAtItsAnchor() {
        assertThat(problems("stack: s\nparticles: &a [*a]\n")).singleElement().hasToString(
                "jiti.yaml:2:12: invalid YAML: an alias refers to a node that contains it (an alias cycle)");
    }

    @Test
    void anAliasBombIsRefusedWithinASecond() {
        // 16 levels of three aliases each: 3^16 (43 million) nodes once expanded, from 48 aliases
        StringBuilder yaml = new StringBuilder("stack: s\nx0: &x0 [a, b, c]\n");
        for (int i = 1; i <= 16; i++) {
            yaml.append("x").append(i).append(": &x").append(i).append(" [*x").append(i - 1).append(", *x")
                    .append(i - 1).append(", *x").append(i - 1).append("]\n");
        }
        yaml.append("particles: []\n");
        long start = System.nanoTime();
        List<Diagnostic> p = problems(yaml.toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(p).singleElement().satisfies(d -> assertThat(d.message())
                .isEqualTo("invalid YAML: the document expands to more than 200000 nodes (aliases count once per use);"
                        + " split it or use fewer aliases"));
    }

    @Test
    void duplicateYamlKey() {
        assertThat(problems("""
                stack: s
                stack: t
                particles: []
                """)).singleElement().hasToString("jiti.yaml:2:1: duplicate key 'stack'");
    }

    @Test
    void unknownDependency() {
        assertThat(problems("""
                stack: s
                particles:
                  - name: a
                    type: job
                    dependsOn: [zz]
                    spec: {command: x}
                """)).singleElement().hasToString(
                "jiti.yaml:5:17: dependsOn names an unknown particle 'zz' (particles: a)");
    }

    @Test
    void collectsEveryProblemInFileOrder() {
        List<Diagnostic> p = problems("""
                stack: Bad Name
                particles:
                  - name: a
                    type: nope
                  - name: b
                    type: file
                    spec: {}
                """);
        assertThat(p).extracting(Diagnostic::line).containsExactly(1, 4, 7);
    }

    @Test
    void javaBuiltStacksAreCheckedToo() {
        Stack stack = Stack.named("s").particle(io.jiti.api.Particle.of("a", "file")).build();
        InvalidStackException e = catchThrowableOfType(InvalidStackException.class, () -> loader.check(stack));
        assertThat(e.diagnostics()).singleElement().hasToString("<java>:0:0: missing required field 'content'");
    }
}

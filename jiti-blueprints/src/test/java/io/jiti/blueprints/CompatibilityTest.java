package io.jiti.blueprints;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.blueprints.Incompatibility.Kind;
import io.jiti.plan.Action;
import io.jiti.spi.Desired;
import io.jiti.spi.Observed;
import io.jiti.spi.Outcome;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Updater;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each rule of a minor version, and the blast radius, on variants of one blueprint. */
class CompatibilityTest {
    private static final String V10 = """
            name: api
            version: "1.0"
            parameters:
              type: object
              properties:
                size: {type: integer, minimum: 1, maximum: 10, default: 2}
                tier: {enum: [small, large], default: small}
                label: {type: string}
            samples:
              - {}
              - {size: 5, tier: large, label: x}
            outputs:
              url: ${web.url}
              bucket: ${files.name}
            members:
              files:
                type: bucket
              web:
                type: service
                spec:
                  command: run --tier {{ tier }}
                  instances: "{{ size }}"
            """;

    /** Types as a provider would declare them: a queue changes kind only by replace. */
    private record Updatable(String id, Set<String> replaceOn) implements ParticleType, Updater {
        @Override
        public List<Observed> list(String stack) {
            return List.of();
        }

        @Override
        public Outcome update(Desired desired, Observed current) {
            throw new UnsupportedOperationException("planning only");
        }
    }

    private static final Map<String, ParticleType> TYPES = Map.of(
            "service", new Updatable("service", Set.of()),
            "bucket", new Updatable("bucket", Set.of()),
            "queue", new Updatable("queue", Set.of("fifo")));

    private static Blueprint read(String text) {
        return BlueprintReader.read(text, "blueprint.yaml");
    }

    private static Compatibility.Report check(UnaryOperator<String> change) {
        Blueprint old = read(V10);
        Blueprint next = read(change.apply(V10.replace("version: \"1.0\"", "version: \"1.1\"")));
        return new Compatibility(new Registry(List.of(), ClassLoader.getPlatformClassLoader()), TYPES, Path.of("."))
                .check(old, next);
    }

    private static List<String> problems(UnaryOperator<String> change) {
        return check(change).problems().stream().map(Incompatibility::toString).toList();
    }

    @Test
    void aCompatibleMinorPassesAndItsBlastRadiusNamesTheMembers() {
        Compatibility.Report report = check(v -> v
                .replace("tier: {enum: [small, large], default: small}",
                        "tier: {enum: [small, large, huge], default: small}\n    region: {type: string, default: eu}")
                .replace("size: {type: integer, minimum: 1, maximum: 10, default: 2}",
                        "size: {type: [integer, string], minimum: 1, maximum: 20, default: 2}")
                .replace("  bucket: ${files.name}", "  bucket: ${files.name}\n  arn: ${files.arn}")
                .replace("command: run --tier {{ tier }}", "command: run --tier {{ tier }} --region {{ region }}")
                .replace("members:\n", "members:\n  cache:\n    type: queue\n"));
        assertThat(report.problems()).isEmpty();
        assertThat(report.impacts()).hasSize(2).allSatisfy(i -> {
            assertThat(i.skipped()).isNull();
            assertThat(i.members()).containsEntry(Action.CREATE, List.of("sample.cache"))
                    .containsEntry(Action.UPDATE, List.of("sample.web")).doesNotContainKeys(Action.REPLACE, Action.DELETE);
        });
    }

    @Test
    void aNewRequiredParameterWithoutDefaultIsRefused() {
        assertThat(problems(v -> v.replace("    label: {type: string}", "    label: {type: string}\n  required: [label]")))
                .contains("new required parameter: parameter 'label' is required in 1.1 and has no default: stacks "
                        + "written for 1.0 do not set it (give it a default, or make it optional)");
    }

    @Test
    void aRemovedOrRenamedParameterIsRefused() {
        assertThat(problems(v -> v.replace("    label: {type: string}\n", "")))
                .contains("removed parameter: parameter 'label' was removed: stacks that set it fail (keep it, maybe "
                        + "as deprecated, until the next major)");
        assertThat(problems(v -> v.replace("    label: {type: string}", "    title: {type: string}")))
                .contains("removed parameter: parameter 'label' was renamed to 'title': stacks that set it fail (keep"
                        + " it, maybe as deprecated, until the next major)");
    }

    @Test
    void aRemovedOrRenamedOutputIsRefused() {
        assertThat(problems(v -> v.replace("  bucket: ${files.name}", "  store: ${files.name}")))
                .containsExactly("removed output: output 'bucket' was renamed to 'store': stacks that reference "
                        + "${PARTICLE.bucket} fail");
    }

    @Test
    void aNarrowedTypeEnumOrBoundIsRefused() {
        assertThat(problems(v -> v.replace("size: {type: integer, minimum: 1, maximum: 10, default: 2}",
                "size: {type: integer, minimum: 2, maximum: 10, default: 2}")))
                .containsExactly("narrowed parameter: parameter 'size': minimum narrowed from 1 to 2");
        assertThat(problems(v -> v.replace("tier: {enum: [small, large], default: small}",
                "tier: {enum: [small], default: small}")))
                .contains("narrowed parameter: parameter 'tier': enum narrowed: [\"large\"] no longer allowed");
        assertThat(problems(v -> v.replace("label: {type: string}", "label: {type: integer}")))
                .containsExactly("narrowed parameter: parameter 'label': type narrowed from string to integer",
                        "sample broken: sample 2 {\"size\":5,\"tier\":\"large\",\"label\":\"x\"} renders with api@1.0 but "
                                + "not with api@1.1: rendered api@1.1:9:17: wrong "
                                + "value type: expected integer, got string");
    }

    @Test
    void aMemberReplacedOrDeletedBySomeSampleIsRefusedAndNamed() {
        assertThat(problems(v -> v.replace("members:\n", "members:\n  jobs:\n    type: queue\n    spec: {fifo: "
                + "\"{{ tier == 'large' }}\"}\n"))).isEmpty(); // created: fine
        String withQueue = V10.replace("members:\n", "members:\n  jobs:\n    type: queue\n");
        Blueprint old = read(withQueue);
        Blueprint next = read(withQueue.replace("version: \"1.0\"", "version: \"1.1\"")
                .replace("    type: queue\n", "    type: queue\n    spec: {fifo: \"{{ tier == 'large' }}\"}\n")
                .replace("  files:\n    type: bucket\n", "")
                .replace("  bucket: ${files.name}\n", "  bucket: ${web.url}\n"));
        Compatibility.Report report = new Compatibility(new Registry(List.of(), ClassLoader.getPlatformClassLoader()),
                TYPES, Path.of(".")).check(old, next);
        assertThat(report.problems()).extracting(Incompatibility::kind).containsOnly(Kind.DESTRUCTIVE_CHANGE);
        assertThat(report.problems()).extracting(Incompatibility::message).containsExactly(
                "sample 1 {}: member sample.files would be deleted (no longer defined)",
                "sample 2 {\"size\":5,\"tier\":\"large\",\"label\":\"x\"}: member sample.jobs would be replaced "
                        + "(changed: fifo)",
                "sample 2 {\"size\":5,\"tier\":\"large\",\"label\":\"x\"}: member sample.files would be deleted (no "
                        + "longer defined)");
    }

    @Test
    void aSampleOfTheOldVersionThatNoLongerRendersIsRefused() {
        assertThat(problems(v -> v.replace("command: run --tier {{ tier }}", "command: run --tier {{ tiers }}")))
                .hasSize(2).first().asString().startsWith("sample broken: sample 1 {} renders with api@1.0 but not with "
                        + "api@1.1: blueprint.yaml:21:16: template error in blueprint api@1.1");
    }

    @Test
    void aVersionThatDoesNotFollowIsRefused() {
        Blueprint old = read(V10);
        Compatibility c = new Compatibility(new Registry(List.of(), ClassLoader.getPlatformClassLoader()), TYPES,
                Path.of("."));
        assertThat(c.check(old, old).problems()).extracting(Incompatibility::kind)
                .containsExactly(Kind.NOT_A_MINOR_UPGRADE);
        Blueprint major = read(V10.replace("version: \"1.0\"", "version: \"2.0\"").replace("    label: {type: string}\n", ""));
        assertThat(c.check(old, major).compatible()).isTrue(); // a new major may break; only the radius is shown
    }
}

package io.jiti.cli;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.blueprints.Blueprint;
import io.jiti.blueprints.Compatibility;
import io.jiti.blueprints.Incompatibility;
import io.jiti.plan.Action;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Providers;
import io.jiti.spi.UnknownProviderException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti blueprint check}: whether a new minor version is backward compatible, and its blast radius. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check that NEW may follow OLD as a minor version, and print the blast radius.",
                "Refused, each with its own message: a new required parameter without a default, a removed or "
                        + "renamed parameter or output, a narrowed type, enum, bound or pattern, a sample of OLD that NEW "
                        + "no longer renders, and a member that would be replaced or deleted. The last is found by "
                        + "rendering both versions with every sample parameter set of both bundles and planning NEW's "
                        + "members against OLD's as if those were live (with the provider's rules for what changes in "
                        + "place). For a new major version only the blast radius is printed.", ""},
        footer = {"", "Exit codes: 0 compatible, 2 not compatible or bad input.", "", "Examples:",
                "  jiti blueprint check orders-api@1.0 blueprints/orders-api-1.1",
                "  jiti blueprint check old/queue new/queue --provider local"})
final class BlueprintCheckCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    BlueprintRef ref;
    @Parameters(index = "0", paramLabel = "OLD", description = "The released version: NAME@MAJOR.MINOR or a bundle directory.")
    String old;
    @Parameters(index = "1", paramLabel = "NEW", description = "The candidate: NAME@MAJOR.MINOR or a bundle directory.")
    String next;
    @Option(names = "--provider", defaultValue = "local",
            description = "Whose rules decide what is an update and what a replace (default: ${DEFAULT-VALUE}).")
    String provider;

    BlueprintCheckCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Blueprint before = ref.find(old);
        Blueprint after = ref.find(next);
        Compatibility.Report report;
        try (Provider p = Providers.create(provider, ProviderContext.fromEnvironment())) {
            report = new Compatibility(ref.registry(), p.types(), ref.dir.toAbsolutePath()).check(before, after);
        } catch (UnknownProviderException e) {
            throw new InvalidStackException(List.of(new Diagnostic("--provider", 0, 0, e.getMessage())));
        }
        terminal.line(terminal.bold("Blast radius of " + before.id() + " -> " + after.id() + ", per sample (particle '"
                + io.jiti.blueprints.Samples.PARTICLE + "'):"));
        int n = 0;
        for (Compatibility.Impact i : report.impacts()) {
            n++;
            if (i.skipped() != null) {
                terminal.line("  sample " + n + " " + i.parameters() + ": not compared, " + i.skipped());
                continue;
            }
            terminal.line("  sample " + n + " " + i.parameters() + ": " + (i.members().isEmpty() ? "no change" : ""));
            for (Map.Entry<Action, List<String>> e : i.members().entrySet()) {
                terminal.line(PlanView.paint(terminal, e.getKey(), "    " + PlanView.symbol(e.getKey()) + " "
                        + e.getKey().word() + ": " + String.join(", ", e.getValue())));
            }
        }
        if (report.compatible()) {
            terminal.line(terminal.green(after.id() + " is a compatible " + (before.version().major()
                    == after.version().major() ? "minor version of " + before.id() : "new major version") + "."));
            return ExitCodes.OK;
        }
        for (Incompatibility i : report.problems()) {
            terminal.error(after.file() + ": " + i);
        }
        terminal.error(after.id() + " is not a compatible minor version of " + before.id() + " (" + report.problems().size()
                + " problem" + (report.problems().size() == 1 ? "" : "s") + "); release it as a new major version or"
                + " keep what it breaks");
        return ExitCodes.BAD_INPUT;
    }
}

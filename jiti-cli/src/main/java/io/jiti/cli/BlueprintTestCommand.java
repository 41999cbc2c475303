package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Stack;
import io.jiti.blueprints.Blueprint;
import io.jiti.blueprints.Registry;
import io.jiti.blueprints.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jiti blueprint test}: renders every sample of every bundle under a directory and validates it. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Render and validate every sample of each bundle under DIR.",
                "Each sample parameter set (samples: in blueprint.yaml) is rendered and the result validated like a "
                        + "stack: parameters against the schema, templates, member types and specs, references, "
                        + "permissions. A bundle without samples is rendered with no parameters.", ""},
        footer = {"", "Exit codes: 0 every sample renders, 2 a bundle or a sample is broken.", "", "Examples:",
                "  jiti blueprint test blueprints/orders-api", "  jiti blueprint test blueprints"})
final class BlueprintTestCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    BlueprintRef ref;
    @Parameters(index = "0", paramLabel = "DIR", description = "A bundle directory, or a directory of bundles.")
    Path dir;

    BlueprintTestCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<Path> bundles = bundles(dir);
        if (bundles.isEmpty()) {
            throw new InvalidStackException(List.of(new Diagnostic(dir.toString(), 0, 0,
                    "no blueprint.yaml in or below this directory")));
        }
        Registry registry = ref.registry();
        int failed = 0;
        int samples = 0;
        for (Path bundle : bundles) {
            Blueprint b;
            try {
                b = Registry.read(bundle);
            } catch (InvalidStackException e) {
                e.diagnostics().forEach(d -> terminal.error(d.toString()));
                failed++;
                continue;
            }
            int n = 0;
            for (JsonNode sample : Samples.of(b)) {
                n++;
                samples++;
                try {
                    Stack s = Samples.render(b, sample, Samples.PARTICLE, registry, ref.dir.toAbsolutePath());
                    terminal.line(terminal.green("ok") + "   " + b.id() + " sample " + n + " " + sample + ": "
                            + s.particles().size() + " particles, " + s.permissions().size() + " permissions");
                } catch (InvalidStackException e) {
                    failed++;
                    terminal.line(terminal.red("FAIL") + " " + b.id() + " sample " + n + " " + sample + ":");
                    e.diagnostics().forEach(d -> terminal.line("       " + d));
                }
            }
        }
        terminal.line(bundles.size() + " bundle" + (bundles.size() == 1 ? "" : "s") + ", " + samples + " samples, "
                + failed + " failed.");
        return failed == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private static List<Path> bundles(Path dir) {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> files = Files.walk(dir, 4)) {
            return new ArrayList<>(files.filter(p -> p.getFileName().toString().equals("blueprint.yaml")).sorted()
                    .toList());
        } catch (IOException e) {
            if (!Files.exists(dir)) {
                throw new InvalidStackException(List.of(new Diagnostic(dir.toString(), 0, 0, "no such directory")));
            }
            throw new UncheckedIOException(e);
        }
    }
}

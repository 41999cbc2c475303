package io.jiti.cli;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.blueprints.Blueprint;
import io.jiti.blueprints.Registry;
import io.jiti.spi.ProviderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How blueprint commands find blueprints: {@code NAME}, {@code NAME@MAJOR} or {@code NAME@MAJOR.MINOR}
 * through the registry of a stack directory, or a bundle's path (a directory holding {@code blueprint.yaml}).
 */
final class BlueprintRef {
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "The stack directory whose blueprints/ is searched first (default: the current directory).")
    Path dir;

    private Registry registry;

    /** The registry of {@code --dir}, read once per command (reading it scans every jar on the path). */
    Registry registry() {
        if (registry == null) {
            registry = Registry.forStack(dir.toAbsolutePath(), ProviderContext.fromEnvironment());
        }
        return registry;
    }

    /** The blueprint {@code ref} names: a path when one exists there, else NAME[@VERSION] in the registry. */
    Blueprint find(String ref) {
        Path path = Path.of(ref);
        if (ref.contains("/") || Files.exists(path)) {
            return Registry.read(path);
        }
        String[] parts = ref.split("@", 2);
        return registry().find(parts[0], parts.length == 1 ? "" : parts[1]).orElseThrow(() ->
                new InvalidStackException(List.of(new Diagnostic(ref, 0, 0, "no such blueprint (known: "
                        + String.join(", ", registry().known()) + "; or give a bundle directory)"))));
    }
}

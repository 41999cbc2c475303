package io.jiti.cli;

import io.jiti.blueprints.Blueprint;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jiti blueprint list}: every blueprint version found, where it was found. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the blueprints found, every version, in search order.",
                "Where two bundles have the same name and version, the first one found wins.", ""})
final class BlueprintListCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    BlueprintRef ref;
    @Option(names = "--json", description = "Print a JSON array of {name, version, description, source}.")
    boolean json;

    BlueprintListCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<Blueprint> all = ref.registry().all();
        if (json) {
            var array = JsonOut.MAPPER.createArrayNode();
            all.forEach(b -> array.addObject().put("name", b.name()).put("version", b.version().toString())
                    .put("description", b.description().strip()).put("source", b.file()));
            terminal.line(JsonOut.write(array));
            return ExitCodes.OK;
        }
        int width = all.stream().mapToInt(b -> b.id().length()).max().orElse(4);
        for (Blueprint b : all) {
            String d = b.description().strip();
            int dot = d.indexOf(". ");
            terminal.line(Columns.pad(b.id(), width) + "  " + (dot > 0 ? d.substring(0, dot + 1) : d));
            terminal.line(Columns.pad("", width) + "  " + terminal.dim(b.file()));
        }
        if (all.isEmpty()) {
            terminal.line("No blueprints found.");
        }
        return ExitCodes.OK;
    }
}

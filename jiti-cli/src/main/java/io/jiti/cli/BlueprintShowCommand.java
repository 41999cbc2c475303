package io.jiti.cli;

import io.jiti.blueprints.Blueprint;
import io.jiti.blueprints.ParameterTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jiti blueprint show}: a blueprint's reference, generated from its bundle. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show a blueprint's reference.",
                "Description, parameters (type, default, description), outputs, members and default permissions, "
                        + "in Markdown, so that it can go into docs as it is.", ""})
final class BlueprintShowCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    BlueprintRef ref;
    @Parameters(index = "0", paramLabel = "BLUEPRINT",
            description = "NAME, NAME@MAJOR, NAME@MAJOR.MINOR, or a bundle directory.")
    String name;

    BlueprintShowCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Blueprint b = ref.find(name);
        terminal.line(ParameterTable.markdown(b).stripTrailing());
        terminal.line("");
        terminal.line("Source: " + b.file());
        return ExitCodes.OK;
    }
}

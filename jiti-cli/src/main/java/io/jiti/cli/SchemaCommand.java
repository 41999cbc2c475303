package io.jiti.cli;

import io.jiti.load.TypeCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of jiti.yaml, for editors (the repository keeps it as schema/jiti.schema.json).", ""},
        footer = {"", "Example:", "  jiti schema > jiti.schema.json",
                "  # then, first line of jiti.yaml:  # yaml-language-server: $schema=./jiti.schema.json"})
final class SchemaCommand implements Callable<Integer> {
    private final Terminal terminal;

    SchemaCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        terminal.line(JsonOut.write(TypeCatalog.builtIn().editorSchema()));
        return ExitCodes.OK;
    }
}

package io.jiti.cli;

import io.jiti.load.TypeCatalog;
import io.jiti.spi.UnknownProviderException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of jiti.yaml for one provider, for editors: the portable types with "
                + "what that provider adds (the repository keeps the local one as schema/jiti.schema.json).", ""},
        footer = {"", "Example:", "  jiti schema > jiti.schema.json",
                "  jiti schema --provider kubernetes > jiti.schema.json",
                "  # then, first line of jiti.yaml:  # yaml-language-server: $schema=./jiti.schema.json"})
final class SchemaCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Spec
    CommandSpec spec;
    @Option(names = "--provider", defaultValue = "local", paramLabel = "ID",
            description = "The provider whose types the schema describes (default: ${DEFAULT-VALUE}).")
    String provider;

    SchemaCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        TypeCatalog types;
        try {
            types = TypeCatalog.forProvider(provider);
        } catch (UnknownProviderException e) {
            throw new ParameterException(spec.commandLine(), "--provider: " + e.getMessage());
        }
        terminal.line(JsonOut.write(types.editorSchema()));
        return ExitCodes.OK;
    }
}

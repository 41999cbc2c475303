package io.jiti.cli;

import io.jiti.command.Invocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(name = "psql", mixinStandardHelpOptions = true,
        description = {"Open psql on a postgres particle, as its application role, over verified TLS.",
                "The same as 'jiti run NAME -- psql ARGS': the PG* variables of the particle, the password "
                        + "included, go into psql's environment only. Needs psql on the PATH.", ""},
        footer = {"", "Exit codes: psql's own; 1 failed to start it, 2 bad input.", "", "Examples:", "  jiti psql db",
                "  jiti psql db -c 'select count(*) from orders'", "  jiti psql db --stack examples/shop"})
final class PsqlCommand implements Callable<Integer> {
    private final Invocation invocation;
    @Parameters(index = "0", paramLabel = "NAME", description = "The postgres particle.")
    String name;
    @Option(names = "--stack", paramLabel = "PATH", defaultValue = ".",
            description = "A stack file, or a directory holding jiti.yaml (default: the current directory).")
    Path stack;
    @Unmatched
    List<String> args = new ArrayList<>();

    PsqlCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        List<String> cmd = new ArrayList<>(List.of("psql"));
        cmd.addAll(args);
        return OneOff.run(invocation, stack, name, cmd);
    }
}

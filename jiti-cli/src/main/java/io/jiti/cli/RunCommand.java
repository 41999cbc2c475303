package io.jiti.cli;

import io.jiti.command.Invocation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a one-off command with a particle's environment, attached to this terminal.",
                "A service or job gives its own env and connect variables (secrets included), a postgres, bucket, "
                        + "queue or table what a process that connects to it gets (PG*, DATABASE_URL, AWS_*), on top "
                        + "of this shell's environment. The command runs here, in this directory; the values go "
                        + "into its environment and nowhere else.", ""},
        footer = {"", "Exit codes: the command's own; 1 failed to start it, 2 bad input.", "", "Examples:",
                "  jiti run web -- printenv DATABASE_URL", "  jiti run db -- pg_dump -Fc -f backup.dump",
                "  jiti run web --stack examples/shop -- ./mvnw flyway:info"})
final class RunCommand implements Callable<Integer> {
    private final Invocation invocation;
    @Parameters(index = "0", paramLabel = "NAME", description = "The particle whose environment the command gets.")
    String name;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
    List<String> command;
    @Option(names = "--stack", paramLabel = "PATH", defaultValue = ".",
            description = "A stack file, or a directory holding jiti.yaml (default: the current directory).")
    Path stack;

    RunCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        return OneOff.run(invocation, stack, name, command);
    }
}

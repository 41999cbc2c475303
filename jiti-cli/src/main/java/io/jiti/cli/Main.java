package io.jiti.cli;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.JitiException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code jiti} entry point: maps errors to the contract's exit codes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), Terminal.colorWanted(), args));
    }

    /** Runs one command line; returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, boolean color, String... args) {
        Terminal terminal = new Terminal(out, err, color);
        Factory factory = new Factory(terminal);
        CommandLine cli = new CommandLine(new JitiCommand(), factory);
        Class<?> named = args.length > 0 ? JitiCommand.SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(args[0], new CommandLine(named, factory));
        } else {
            JitiCommand.SUBCOMMANDS.forEach((name, cls) -> cli.addSubcommand(name, new CommandLine(cls, factory)));
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> handle(e, terminal));
        return cli.execute(args);
    }

    private static int handle(Exception e, Terminal terminal) {
        if (e instanceof InvalidStackException invalid) {
            for (Diagnostic d : invalid.diagnostics()) {
                terminal.error(d.toString());
            }
            terminal.error(invalid.diagnostics().size() + " problem" + (invalid.diagnostics().size() == 1 ? "" : "s")
                    + "; nothing was applied");
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof JitiException) {
            terminal.error("error: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        terminal.error("error: " + e);
        return ExitCodes.FAILED;
    }

    /** Gives commands the terminal. */
    private record Factory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Terminal.class).newInstance(terminal);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}

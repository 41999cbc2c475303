package io.jiti.cli;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.JitiException;
import io.jiti.command.Invocation;
import java.io.PrintWriter;
import java.util.OptionalInt;
import picocli.CommandLine;

/** The {@code jiti} entry point: maps errors to the contract's exit codes. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(CdsTraining.COMMAND)) {
            System.exit(CdsTraining.run(java.nio.file.Path.of(args[1])));
        }
        Invocation here = Invocation.here(args, Terminal.colorWanted());
        OptionalInt answered = WarmRun.forward(here);
        if (answered.isPresent()) {
            System.exit(answered.getAsInt());
        }
        if (args.length > 0 && STACK_COMMANDS.contains(args[0])) {
            warmUpLoader();
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), here));
    }

    /** The commands that load a stack first. */
    private static final java.util.Set<String> STACK_COMMANDS = java.util.Set.of("validate", "plan", "up", "status",
            "down", "graph", "logs");

    /**
     * Readies the stack loader (YAML, JSON, the schemas and their validator) on a second thread while picocli
     * builds its model on this one: a command that loads a stack answers about a tenth of a second sooner.
     */
    private static void warmUpLoader() {
        Thread t = new Thread(() -> {
            try {
                io.jiti.load.StackLoader.builtIn().parse("stack: warm-up\nparticles: []\n", "warm-up",
                        java.nio.file.Path.of("."));
            } catch (RuntimeException e) {
                // only a warm-up: the command reports its own problems
            }
        }, "jiti-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Runs one command line of this JVM (its working directory and environment); returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, boolean color, String... args) {
        return run(out, err, Invocation.here(args, color));
    }

    /** Runs {@code invocation} here, whichever JVM this is (the caller's own, or the agent's); returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, Invocation invocation) {
        String[] args = invocation.args().toArray(String[]::new);
        Terminal terminal = new Terminal(out, err, invocation.color());
        Factory factory = new Factory(terminal, invocation);
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
        if (e instanceof io.jiti.sops.SopsException || e instanceof io.jiti.spi.ProviderSettingsException) {
            terminal.error("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof ApiException api) {
            terminal.error("error: " + api.getMessage());
            return api.exitCode();
        }
        if (e instanceof JitiException) {
            terminal.error("error: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        terminal.error("error: " + e);
        return ExitCodes.FAILED;
    }

    /** Gives commands and mixins what their constructor asks for: the terminal, or the invocation. */
    private record Factory(Terminal terminal, Invocation invocation) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (java.lang.reflect.Constructor<?> c : cls.getDeclaredConstructors()) {
                Class<?>[] p = c.getParameterTypes();
                if (p.length == 1 && p[0] == Terminal.class) {
                    return cls.cast(c.newInstance(terminal));
                }
                if (p.length == 1 && p[0] == Invocation.class) {
                    return cls.cast(c.newInstance(invocation));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}

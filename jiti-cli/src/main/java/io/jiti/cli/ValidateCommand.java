package io.jiti.cli;

import io.jiti.api.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Load and check a stack; print every problem as FILE:LINE:COL: message.", ""},
        footer = {"", "Exit codes: 0 valid, 2 invalid.", "", "Examples:", "  jiti validate", "  jiti validate examples/hello/jiti.yaml"})
final class ValidateCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    StackRef stack;

    ValidateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Stack s = stack.load();
        terminal.line(s.source() + ": stack " + s.name() + " is valid (" + s.particles().size() + " particle"
                + (s.particles().size() == 1 ? "" : "s") + ")");
        return ExitCodes.OK;
    }
}

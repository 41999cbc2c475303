package io.jiti.cli;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.JitiException;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.load.StackLoader;
import io.jiti.spi.Observed;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Rotatable;
import io.jiti.spi.StackLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Give a secret a new value and restart the services that use it.",
                "Services restart one instance at a time (a new instance is ready before an old one leaves), and the "
                        + "command waits until all run with the new value. A generated secret gets a new value of the "
                        + "same length and alphabet; one with 'fromEnv' takes the variable's value in this shell "
                        + "(change it at the source first). Jobs are not run again; values are never printed.", ""},
        footer = {"", "Exit codes: 0 rotated and restarted, 1 failed (or not restarted within",
                "JITI_TIMEOUT), 2 bad input.",
                "", "Examples:", "  jiti secret rotate api-key", "  API_TOKEN=new-value jiti secret rotate api-token examples/app"})
final class SecretRotateCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Parameters(index = "0", paramLabel = "NAME", description = "The secret.")
    String name;
    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
            description = "A stack file, or a directory holding jiti.yaml (default: the current directory).")
    Path path;

    SecretRotateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Stack s = StackLoader.builtIn().load(path);
        Particle p = s.particle(name).orElseThrow(() -> bad(s, "no particle '" + name + "' in stack " + s.name()
                + " (secrets: " + String.join(", ", s.particles().stream().filter(x -> x.type().equals("secret"))
                .map(Particle::name).toList()) + ")"));
        try (Provider provider = StackRef.provider(s, ProviderContext.fromEnvironment())) {
            ParticleType type = provider.types().get(p.type());
            if (!(type instanceof Rotatable rotatable)) {
                throw bad(s, "particle '" + name + "' is a " + p.type() + "; only secrets can be rotated");
            }
            List<String> restarting;
            try (StackLock lock = provider.lock(s.name(), holder -> terminal.line("stack is locked by " + holder
                    + "; waiting for it to finish"))) {
                Observed current = type.read(s.name(), name).orElseThrow(() -> new JitiException(
                        "secret " + name + " does not exist yet; run 'jiti up' first"));
                restarting = rotatable.rotate(current);
            }
            terminal.line("Rotated secret " + name + ".");
            if (restarting.isEmpty()) {
                terminal.line("No service uses it; jobs and other processes get the new value when they next start.");
                return ExitCodes.OK;
            }
            terminal.line("Restarting " + String.join(", ", restarting) + ", one instance at a time...");
            return waitFor(s, provider, restarting);
        }
    }

    /** Polls the restarting services until each is ready again (or failed, or the timeout passed). */
    private int waitFor(Stack s, Provider provider, List<String> services) {
        ParticleType type = provider.types().get("service");
        long deadline = System.nanoTime() + timeout().toNanos();
        List<String> pending = new ArrayList<>(services);
        while (!pending.isEmpty()) {
            for (String svc : List.copyOf(pending)) {
                Optional<Observed> o = type.read(s.name(), svc);
                if (o.isEmpty() || o.get().status() == Observed.Status.READY) {
                    terminal.line("  " + svc + ": every instance runs with the new value");
                    pending.remove(svc);
                } else if (o.get().status() == Observed.Status.FAILED) {
                    terminal.error(svc + ": " + o.get().message());
                    return ExitCodes.FAILED;
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                terminal.error("still restarting after " + timeout().toSeconds() + "s: " + String.join(", ", pending)
                        + " (see 'jiti status'; the old instances keep serving until new ones are ready)");
                return ExitCodes.FAILED;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        return ExitCodes.OK;
    }

    private static Duration timeout() {
        return ProviderContext.fromEnvironment().operationTimeout();
    }

    private static InvalidStackException bad(Stack s, String message) {
        return new InvalidStackException(List.of(new Diagnostic(s.source(), 0, 0, message)));
    }
}

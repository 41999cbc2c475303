package io.jiti.cli;

import io.jiti.api.InvalidStackException;
import io.jiti.api.Diagnostic;
import io.jiti.api.JitiException;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.load.StackLoader;
import io.jiti.spi.LogSource;
import io.jiti.spi.ParticleType;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print a particle's log, each line prefixed with the instance id.",
                "By default, the lines of the instances that run now (and of a job's runs); --all adds retired "
                        + "instances, --build shows only the build.", ""},
        footer = {"", "Exit codes: 0 done, 1 failed, 2 bad input.", "", "Examples:", "  jiti logs web examples/hello",
                "  jiti logs web --follow", "  jiti logs web --build", "  jiti logs web --all --since 10m"})
final class LogsCommand implements Callable<Integer> {
    private final Terminal terminal;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME", description = "The particle.")
    String name;
    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
            description = "A stack file, or a directory holding jiti.yaml (default: the current directory).")
    Path path;
    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;
    @Option(names = "--all", description = "Also the lines of instances that no longer run (replaced, crashed, scaled in).")
    boolean all;
    @Option(names = "--build", description = "Only the lines of the service's build.")
    boolean build;
    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only lines collected since WHEN: a duration back from now (30s, 10m, 2h, 1d) or an instant (2026-11-28T10:00:00Z).")
    String since;

    LogsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    private Since sinceFilter() {
        try {
            return Since.parse(since, java.time.Instant.now());
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--since: " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        java.util.function.Predicate<String> keep = since == null ? line -> true : sinceFilter(); // bad input first
        Stack s = StackLoader.builtIn().load(path);
        Particle p = s.particle(name).orElseThrow(() -> new InvalidStackException(List.of(new Diagnostic(s.source(), 0, 0,
                "no particle '" + name + "' in stack " + s.name() + " (particles: "
                        + String.join(", ", s.particles().stream().map(Particle::name).toList()) + ")"))));
        try (Provider provider = StackRef.provider(s, ProviderContext.fromEnvironment())) {
            ParticleType type = provider.types().get(p.type());
            if (!(type instanceof LogSource logs)) {
                throw new JitiException("particles of type " + p.type() + " have no logs on " + provider.id());
            }
            if (type.read(s.name(), name).isEmpty()) {
                throw new JitiException("particle " + name + " does not exist yet; run 'jiti up' first");
            }
            if (all && build) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--all and --build exclude each other");
            }
            logs.logs(s.name(), name, follow, build ? LogSource.Lines.BUILD : all ? LogSource.Lines.ALL
                    : LogSource.Lines.CURRENT, line -> {
                        if (keep.test(line)) {
                            terminal.line(line);
                        }
                    });
            return ExitCodes.OK;
        }
    }
}

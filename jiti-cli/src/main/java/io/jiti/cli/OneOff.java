package io.jiti.cli;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.JitiException;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.command.Invocation;
import io.jiti.load.StackLoader;
import io.jiti.spi.ParticleType;
import io.jiti.spi.ProcessEnvironment;
import io.jiti.spi.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A one-off process beside a particle ({@code jiti run}, {@code jiti psql}): this shell's environment plus
 * the particle's variables from the provider, attached to this terminal, in this directory; its exit code
 * is the command's.
 */
final class OneOff {
    private OneOff() {
    }

    static int run(Invocation invocation, Path stackPath, String name, List<String> command) {
        Stack s = StackLoader.builtIn().forInvocation(invocation).load(stackPath);
        Particle p = s.particle(name).orElseThrow(() -> new InvalidStackException(List.of(new Diagnostic(s.source(), 0, 0,
                "no particle '" + name + "' in stack " + s.name() + " (particles: "
                        + String.join(", ", s.particles().stream().map(Particle::name).toList()) + ")"))));
        Map<String, String> vars;
        try (Provider provider = StackRef.provider(s, invocation.context())) {
            ParticleType type = provider.types().get(p.type());
            if (!(type instanceof ProcessEnvironment env)) {
                throw new JitiException("particles of type " + p.type() + " offer no environment on " + provider.id());
            }
            if (type.read(s.name(), name).isEmpty()) {
                throw new JitiException("particle " + name + " does not exist yet; run 'jiti up' first");
            }
            vars = env.processEnvironment(s.name(), name);
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(invocation.workDir().toFile()).inheritIO();
        pb.environment().putAll(vars);
        try {
            Process child = pb.start();
            return child.waitFor();
        } catch (IOException e) {
            throw new JitiException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JitiException("interrupted", e);
        }
    }
}

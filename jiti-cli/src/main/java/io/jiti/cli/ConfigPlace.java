package io.jiti.cli;

import io.jiti.command.Invocation;
import io.jiti.sops.Identities;
import io.jiti.sops.config.EnvConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What every {@code jiti config} command names: the environment, the directory, and the identities at hand. */
final class ConfigPlace {
    private final Invocation invocation;
    @Parameters(index = "0", paramLabel = "ENV", description = "The environment (test, staging, prod, …).")
    String env;
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "The repository (or any directory) holding config/ENV.yaml and .jiti/recipients/ENV "
                    + "(default: the current directory).")
    Path dir;

    ConfigPlace(Invocation invocation) {
        this.invocation = invocation;
    }

    /** The environment's config. */
    EnvConfig config() {
        return EnvConfig.at(invocation.resolve(dir), env);
    }

    /** The identities the caller's environment gives (none is not an error here: some commands need none). */
    Identities identities() {
        return Identities.fromEnvironment(invocation.env(), Path.of(invocation.env().getOrDefault("HOME",
                System.getProperty("user.home"))));
    }

    /** A path the caller gave, resolved as their shell would. */
    Path resolve(Path path) {
        return invocation.resolve(path);
    }

    /** The caller's environment variable {@code name}, or null. */
    String variable(String name) {
        return invocation.env().get(name);
    }
}

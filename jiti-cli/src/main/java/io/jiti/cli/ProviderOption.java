package io.jiti.cli;

import io.jiti.api.JitiException;
import io.jiti.spi.CertificateAuthority;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Providers;
import io.jiti.spi.UnknownProviderException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --provider} option of commands that work on a provider itself rather than on a stack. */
final class ProviderOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;
    @Option(names = "--provider", defaultValue = "local", paramLabel = "ID",
            description = "The provider to work on (default: ${DEFAULT-VALUE}).")
    String id;

    /** Opens the provider; an unknown one is bad input (exit 2, with the ones there are). */
    Provider open() {
        try {
            return Providers.create(id, ProviderContext.fromEnvironment());
        } catch (UnknownProviderException e) {
            throw new ParameterException(command.commandLine(), "--provider: " + e.getMessage());
        }
    }

    /** The provider's certificate authority; a provider without one is refused. */
    static CertificateAuthority authority(Provider p) {
        if (p instanceof CertificateAuthority ca) {
            return ca;
        }
        throw new JitiException("provider '" + p.id() + "' has no certificate authority of jiti's");
    }
}

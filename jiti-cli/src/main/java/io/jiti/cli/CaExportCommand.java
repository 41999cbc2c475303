package io.jiti.cli;

import io.jiti.api.JitiException;
import io.jiti.spi.CertificateAuthority;
import io.jiti.spi.Provider;
import io.jiti.spi.ProviderContext;
import io.jiti.spi.Providers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Print the CA certificate (PEM), for clients to trust.", ""},
        footer = {"", "Exit codes: 0 printed, 1 failed, 2 bad input.", "", "Examples:", "  jiti ca export > jiti-ca.pem",
                "  curl --cacert <(jiti ca export) https://127.0.0.1:PORT"})
final class CaExportCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Option(names = "--provider", defaultValue = "local", description = "The provider whose CA to print (default: local).")
    String provider;

    CaExportCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Provider opened;
        try {
            opened = Providers.create(provider, ProviderContext.fromEnvironment());
        } catch (io.jiti.spi.UnknownProviderException e) {
            terminal.error("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try (Provider p = opened) {
            terminal.line(authority(p).certificatePem().strip());
            return ExitCodes.OK;
        }
    }

    /** The provider's CA; a provider without one is refused. */
    static CertificateAuthority authority(Provider p) {
        if (p instanceof CertificateAuthority ca) {
            return ca;
        }
        throw new JitiException("provider '" + p.id() + "' has no certificate authority of jiti's");
    }
}

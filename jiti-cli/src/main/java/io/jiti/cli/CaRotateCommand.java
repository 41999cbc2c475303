package io.jiti.cli;

import io.jiti.spi.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Replace the CA and the certificate it issued; every HTTPS URL serves the new one at once (open "
                + "connections keep theirs). Clients must then trust the new certificate (jiti ca export).", ""},
        footer = {"", "Exit codes: 0 rotated, 1 failed, 2 bad input.", "", "Example:", "  jiti ca rotate && jiti ca export > jiti-ca.pem"})
final class CaRotateCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    ProviderOption provider;

    CaRotateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try (Provider p = provider.open()) {
            ProviderOption.authority(p).rotateCertificateAuthority();
            terminal.line("rotated the certificate authority of provider " + p.id()
                    + "; clients must trust the new certificate: jiti ca export");
            return ExitCodes.OK;
        }
    }
}

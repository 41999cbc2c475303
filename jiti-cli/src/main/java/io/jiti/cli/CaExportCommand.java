package io.jiti.cli;

import io.jiti.spi.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Print the CA certificate (PEM), for clients to trust.", ""},
        footer = {"", "Exit codes: 0 printed, 1 failed, 2 bad input.", "", "Examples:", "  jiti ca export > jiti-ca.pem",
                "  curl --cacert <(jiti ca export) https://127.0.0.1:PORT"})
final class CaExportCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    ProviderOption provider;

    CaExportCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try (Provider p = provider.open()) {
            terminal.line(ProviderOption.authority(p).certificatePem().strip());
            return ExitCodes.OK;
        }
    }
}

package io.jiti.cli;

import picocli.CommandLine.Command;

/** {@code jiti ca}: the certificate authority of what a provider serves over TLS. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = {"Export or rotate the certificate authority of what jiti serves over TLS.",
                "PostgreSQL always; services, buckets, queues and tables with tls: true. Locally it is the home's own: "
                + "made on first use, its "
                + "key private to you in JITI_HOME/agent/ca. Trust its certificate "
                + "in a browser, curl (--cacert), a JVM trust store or the AWS SDK (AWS_CA_BUNDLE).", ""},
        subcommands = {CaExportCommand.class, CaRotateCommand.class},
        footer = {"", "Examples:", "  jiti ca export > jiti-ca.pem", "  curl --cacert <(jiti ca export) https://127.0.0.1:PORT",
                "  jiti ca rotate"})
final class CaCommand {
}

package io.jiti.cli;

import io.jiti.command.Invocation;
import io.jiti.server.PlatformServer;
import io.jiti.spi.Provider;
import io.jiti.spi.Providers;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run the jiti platform server: templates, environments, services, teams and deployments for a team, "
                + "behind a REST API (/api/v1) and a web console (/console: sign in with a token).",
                "Keeps its data in an embedded database under JITI_HOME/server, or in PostgreSQL with --database "
                        + "(credentials from JITI_DATABASE_USER and JITI_DATABASE_PASSWORD). Listens on 127.0.0.1. "
                        + "On its first start it makes the user 'admin' and writes its token to "
                        + "JITI_HOME/server/admin.token (0600). Runs until interrupted; deployments that were running "
                        + "when it stopped are resumed at the next start. One server per JITI_HOME.", ""},
        footer = {"", "Exit codes: 0 stopped, 1 could not start, 2 bad input.", "",
                "Examples:", "  jiti server", "  jiti server --port 9000",
                "  JITI_DATABASE_USER=jiti JITI_DATABASE_PASSWORD=… jiti server --database jdbc:postgresql://127.0.0.1/jiti",
                "  export JITI_SERVER=http://127.0.0.1:8750 JITI_TOKEN=$(cat ~/.jiti/server/admin.token)"})
final class ServerCommand implements Callable<Integer> {
    /** The port it listens on unless told otherwise. */
    static final int DEFAULT_PORT = 8750;
    private final Invocation invocation;
    @Option(names = "--port", paramLabel = "N", description = "The port (default " + DEFAULT_PORT + "; 0: any free one).")
    int port = DEFAULT_PORT;
    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "The address to listen on (default 127.0.0.1; anything else exposes the API beyond this machine).")
    String host = "127.0.0.1";
    @Option(names = "--database", paramLabel = "JDBC_URL",
            description = "A PostgreSQL database (jdbc:postgresql://HOST/NAME) instead of the embedded one.")
    String database;
    @Option(names = "--workers", paramLabel = "N", description = "How many deployments run at once (default 4).")
    int workers = 4;
    @Option(names = "--sample-every", paramLabel = "SECONDS", description = "How often the services' figures (requests "
            + "per second, p99 latency, errors, instances) are sampled for the console's charts (default 10; 0: never).")
    int sampleEvery = 10;

    ServerCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new ApiException("--port is a port number from 0 to 65535", ExitCodes.BAD_INPUT);
        }
        if (workers < 1 || workers > 64) {
            throw new ApiException("--workers is from 1 to 64", ExitCodes.BAD_INPUT);
        }
        if (sampleEvery < 0 || sampleEvery > 3600) {
            throw new ApiException("--sample-every is from 0 (never) to 3600 seconds", ExitCodes.BAD_INPUT);
        }
        Map<String, String> env = invocation.env();
        Map<String, io.jiti.spi.ParticleType> types;
        try (Provider local = Providers.create("local", invocation.context())) {
            types = local.types();
        }
        PlatformServer server = PlatformServer.start(new PlatformServer.Options(invocation.context().home(), host, port,
                database, env.get("JITI_DATABASE_USER"), env.get("JITI_DATABASE_PASSWORD"),
                io.jiti.platform.deploy.ProviderSource.of(invocation.context()), types, workers,
                java.time.Duration.ofSeconds(sampleEvery), io.jiti.sops.Identities.fromEnvironment(env,
                java.nio.file.Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))))));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "jiti-server-stop"));
        if (server.resumed() > 0) {
            System.out.println("Resumed " + server.resumed() + " deployment(s) that were running when it stopped.");
        }
        server.adminToken().ifPresent(f -> System.out.println("First start: the admin's token is in " + f
                + " (export JITI_TOKEN=$(cat " + f + "))"));
        System.out.println("jiti server listening on " + server.url() + " (console: " + server.url() + "/console)");
        System.out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}

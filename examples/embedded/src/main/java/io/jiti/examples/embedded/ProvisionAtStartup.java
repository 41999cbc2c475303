package io.jiti.examples.embedded;

import io.jiti.embed.Jiti;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.engine.ApplyReport;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Provisions this application's infrastructure from code before it starts serving: a settings file and
 * a one-off migration job that reads it. Running it again changes nothing; changing the code changes
 * exactly what differs.
 */
public final class ProvisionAtStartup {
    private ProvisionAtStartup() {
    }

    /** The infrastructure, as code next to the application. */
    public static Stack infrastructure() {
        return Stack.named("embedded-demo")
                .particle(Particle.of("settings", "file")
                        .spec("content", "greeting=Hello from code\n"))
                .particle(Particle.of("migrate", "job")
                        .spec("command", "grep -q greeting= '${settings.path}' && echo migrated"))
                .build();
    }

    /** Brings the infrastructure up and returns where the settings are. */
    public static Path provision(Jiti jiti) {
        ApplyReport report = jiti.up(infrastructure());
        return Path.of((String) report.output("settings", "path"));
    }

    public static void main(String[] args) throws Exception {
        try (Jiti jiti = Jiti.connect("local")) {
            Path settings = provision(jiti);
            System.out.println("infrastructure ready; settings: " + Files.readString(settings).trim());
            // ... start the application with them ...
            if (args.length > 0 && args[0].equals("--down")) {
                jiti.down("embedded-demo", false);
                System.out.println("infrastructure removed");
            }
        }
    }
}

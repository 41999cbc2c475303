package io.jiti.cli;

import picocli.CommandLine.Command;

/** {@code jiti blueprint}: find, read, render, test and compare blueprints. */
@Command(name = "blueprint", mixinStandardHelpOptions = true,
        description = {"Blueprints: reusable, versioned particle templates (type: blueprint:NAME@MAJOR in a stack).",
                "Found, first match wins, in the stack's blueprints/ directory, JITI_HOME/blueprints, the directories "
                        + "and jars in JITI_BLUEPRINT_PATH, and META-INF/jiti/blueprints/ in jars on jiti's class path "
                        + "(the standard set: web-service, worker, postgres-database, object-store, queue).", ""},
        subcommands = {BlueprintListCommand.class, BlueprintShowCommand.class, BlueprintRenderCommand.class,
                BlueprintTestCommand.class, BlueprintCheckCommand.class},
        footer = {"", "Examples:", "  jiti blueprint list", "  jiti blueprint show web-service",
                "  jiti blueprint render web-service -p command='java -cp build Hello' -p minInstances=3",
                "  jiti blueprint test blueprints/orders-api", "  jiti blueprint check orders-api@1.0 blueprints/orders-api-1.1"})
final class BlueprintCommand {
}

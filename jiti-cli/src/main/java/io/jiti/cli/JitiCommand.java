package io.jiti.cli;

import picocli.CommandLine.Command;

/**
 * The top command; every action is a subcommand ({@link #SUBCOMMANDS}, in the order help lists them). They
 * are added by {@link Main}: only the one a command line names, so that picocli builds the model of one
 * command rather than of all of them (a tenth of a second at every start).
 */
@Command(name = "jiti", mixinStandardHelpOptions = true, version = "jiti 0.1.0",
        description = {"Just-in-time infrastructure: your application's infrastructure as code next to it.",
                "Reconciled against where it really runs. No state file: the live state is read back every time.", ""},
        footer = {"", "Exit codes: 0 success, 1 an operation failed, 2 bad input, 3 changes pending.",
                "Environment: JITI_HOME (default ~/.jiti), JITI_TIMEOUT (seconds per operation, default 120), NO_COLOR,",
                "JITI_WARM=off (validate and status in this JVM rather than in the running agent).",
                "Platform commands (server, template, env, team, user, entitle, service, instance, deployment, policy,",
                "upgrade, campaign, inventory, audit, source, releases, release, rollback, deliveries, pipeline, approve,",
                "reject) talk to JITI_SERVER (default http://127.0.0.1:8750) with JITI_TOKEN.",
                "", "Examples:", "  jiti up examples/hello", "  jiti plan --exit-code", "  jiti status --json | jq ."})
final class JitiCommand {
    /** The subcommands by name. */
    static final java.util.Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static java.util.Map<String, Class<?>> subcommands() {
        java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("validate", ValidateCommand.class);
        m.put("plan", PlanCommand.class);
        m.put("up", UpCommand.class);
        m.put("status", StatusCommand.class);
        m.put("down", DownCommand.class);
        m.put("logs", LogsCommand.class);
        m.put("run", RunCommand.class);
        m.put("psql", PsqlCommand.class);
        m.put("secret", SecretCommand.class);
        m.put("config", ConfigCommand.class);
        m.put("ca", CaCommand.class);
        m.put("agent", AgentCommand.class);
        m.put("blueprint", BlueprintCommand.class);
        m.put("graph", GraphCommand.class);
        m.put("export", ExportCommand.class);
        m.put("schema", SchemaCommand.class);
        m.put("server", ServerCommand.class);
        m.put("template", TemplateCommand.class);
        m.put("env", EnvCommand.class);
        m.put("team", TeamCommand.class);
        m.put("user", UserCommand.class);
        m.put("entitle", EntitleCommand.class);
        m.put("service", ServiceCommand.class);
        m.put("instance", InstanceCommand.class);
        m.put("deployment", DeploymentCommand.class);
        m.put("policy", PolicyCommand.class);
        m.put("upgrade", UpgradeCommand.class);
        m.put("campaign", CampaignCommand.class);
        m.put("inventory", InventoryCommand.class);
        m.put("metrics", MetricsCommand.class);
        m.put("source", SourceCommand.class);
        m.put("releases", ReleaseCommands.ListReleases.class);
        m.put("release", ReleaseCommands.Group.class);
        m.put("rollback", ReleaseCommands.Rollback.class);
        m.put("deliveries", ReleaseCommands.Deliveries.class);
        m.put("pipeline", PipelineCommands.Group.class);
        m.put("approve", PipelineCommands.Approve.class);
        m.put("reject", PipelineCommands.Reject.class);
        m.put("audit", AuditCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }
}

package io.jiti.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jiti.api.Stack;
import io.jiti.load.StackLoader;
import io.jiti.plan.Plan;
import io.jiti.plan.Planner;
import io.jiti.spi.Observed;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A training run for the CLI's class-data archive (AppCDS), made by the {@code ./jiti} launcher once per
 * build ({@code -XX:ArchiveClassesAtExit} with the hidden command {@code __cds-train STACK_DIR}): it goes
 * through what commands load at start (picocli, the loader and its schema validation, a plan and a status
 * as JSON, the agent's client) without starting anything, so that every later command loads those classes
 * from the archive instead of the jar.
 */
final class CdsTraining {
    /** The hidden command. */
    static final String COMMAND = "__cds-train";

    private CdsTraining() {
    }

    static int run(Path stackDir) throws Exception {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        Main.run(none, none, false, "validate", stackDir.toString());
        Main.run(none, none, false, "graph", stackDir.toString());
        Main.run(none, none, false, "--help");
        Stack stack = StackLoader.builtIn().load(stackDir);
        Plan plan = new Planner(Map.of()).plan(stack, Map.of());
        JsonOut.write(JsonOut.plan(plan, stack));
        List<Observed> observed = JsonOut.MAPPER.readValue("[]", new TypeReference<List<Observed>>() { });
        JsonOut.write(JsonOut.MAPPER.valueToTree(observed));
        for (String name : List.of("io.jiti.local.AgentClient", "io.jiti.local.AgentSocket", "io.jiti.local.LocalProvider",
                "io.jiti.engine.Reconciler", "io.jiti.cli.StatusCommand", "io.jiti.cli.PlanCommand", "io.jiti.cli.UpCommand")) {
            Class.forName(name, true, CdsTraining.class.getClassLoader());
        }
        return 0;
    }
}

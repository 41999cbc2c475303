package io.jiti.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jiti.api.Stack;
import io.jiti.command.Invocation;
import io.jiti.load.StackLoader;
import io.jiti.plan.Plan;
import io.jiti.plan.Planner;
import io.jiti.spi.Observed;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A training run for the CLI's class-data archive (AppCDS), made by the {@code ./jiti} launcher once per
 * build ({@code -XX:DumpLoadedClassList} with the hidden command {@code __cds-train STACK_DIR}): it goes
 * through what commands load (picocli, the loader and its schema validation, a plan and a status as JSON,
 * the agent's client), so that every later command loads those classes from the archive instead of the jar.
 * When {@code JITI_HOME} names an empty directory (the launcher makes one for the run), it also applies,
 * shows and destroys a stack of one file there through an agent inside this JVM
 * ({@code io.jiti.local.agent.AgentMain.inProcess}, found by name: the CLI builds on the provider SPI
 * only): the engine, the agent's client and the progress lines are in the archive
 * too (a 500-file {@code up} spent a fifth of its CPU loading them), and so is what hands {@code validate}
 * and {@code status} to a running agent ({@link WarmRun}). It starts no process.
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
        applyInScratchHome();
        for (String name : List.of("io.jiti.local.AgentClient", "io.jiti.local.AgentSocket", "io.jiti.local.LocalProvider",
                "io.jiti.engine.Reconciler", "io.jiti.cli.StatusCommand", "io.jiti.cli.PlanCommand", "io.jiti.cli.UpCommand")) {
            Class.forName(name, true, CdsTraining.class.getClassLoader());
        }
        return 0;
    }

    private static void applyInScratchHome() throws Exception {
        String home = System.getenv("JITI_HOME");
        if (home == null || !Files.isDirectory(Path.of(home))) {
            return;
        }
        try (Stream<Path> inside = Files.list(Path.of(home))) {
            if (inside.findAny().isPresent()) {
                return; // never a home in use: only the empty one the launcher made for this run
            }
        }
        Path stack = Path.of(home, "stack");
        Files.createDirectories(stack);
        Files.writeString(stack.resolve("jiti.yaml"), "stack: cds-train\nparticles:\n"
                + "  - {name: f, type: file, spec: {content: training}}\n");
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        try (AutoCloseable agent = (AutoCloseable) Class.forName("io.jiti.local.agent.AgentMain")
                .getMethod("inProcess", Path.class).invoke(null, Path.of(home))) {
            for (List<String> args : List.of(List.of("plan"), List.of("up"), List.of("status"), List.of("status", "--json"),
                    List.of("plan", "--json"), List.of("down"))) {
                List<String> line = new java.util.ArrayList<>(args);
                line.add(stack.toString());
                Main.run(none, none, false, line.toArray(String[]::new));
                if (args.get(0).equals("up")) { // the stack is up: what hands validate and status to the agent
                    for (String command : List.of("validate", "status")) {
                        Invocation handed = new Invocation(List.of(command, stack.toString()), stack.toAbsolutePath(),
                                System.getenv(), false);
                        WarmRun.forward(handed, java.io.OutputStream.nullOutputStream(), java.io.OutputStream.nullOutputStream());
                    }
                }
            }
        }
    }
}

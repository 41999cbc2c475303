package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Stack;
import io.jiti.blueprints.Blueprint;
import io.jiti.blueprints.Samples;
import io.jiti.load.StackLoader;
import io.jiti.load.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jiti blueprint render}: the particles a blueprint becomes with some parameters. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a blueprint with parameters into the particles it stands for.",
                "The result is validated like a stack and printed as a stack file (YAML) or JSON. Nothing is applied.",
                ""},
        footer = {"", "Exit codes: 0 rendered, 2 bad parameters or a broken blueprint.", "", "Examples:",
                "  jiti blueprint render queue -p maxReceiveCount=3",
                "  jiti blueprint render web-service -p command='java -cp build Hello' -p 'env={LOG_LEVEL: debug}'"})
final class BlueprintRenderCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    BlueprintRef ref;
    @Parameters(index = "0", paramLabel = "BLUEPRINT",
            description = "NAME, NAME@MAJOR, NAME@MAJOR.MINOR, or a bundle directory.")
    String name;
    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
            description = "A parameter; the value is read as YAML (3 is a number, true a boolean, [a, b] a list).")
    List<String> params = new ArrayList<>();
    @Option(names = "--name", defaultValue = Samples.PARTICLE, description = "The particle's name (default: ${DEFAULT-VALUE}).")
    String particle;
    @Option(names = "--json", description = "Print JSON instead of YAML.")
    boolean json;

    BlueprintRenderCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Blueprint b = ref.find(name);
        ObjectNode parameters = JsonOut.MAPPER.createObjectNode();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new InvalidStackException(List.of(new Diagnostic("-p " + p, 0, 0, "a parameter is KEY=VALUE")));
            }
            JsonNode value = YamlDocument.parse(p.substring(eq + 1), "-p " + p).root();
            parameters.set(p.substring(0, eq), value == null ? JsonOut.MAPPER.nullNode() : value);
        }
        Stack stack = Samples.render(b, parameters, particle, ref.registry(), ref.dir.toAbsolutePath());
        ObjectNode tree = StackLoader.toTree(stack);
        if (json) {
            terminal.line(JsonOut.write(tree));
        } else {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            terminal.line(new Yaml(options).dump(JsonOut.MAPPER.convertValue(tree, Map.class)).stripTrailing());
        }
        return ExitCodes.OK;
    }
}

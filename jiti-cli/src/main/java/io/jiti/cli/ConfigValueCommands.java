package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.sops.Opened;
import io.jiti.sops.config.EnvConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jiti config set|unset|get}: an environment's values. */
final class ConfigValueCommands {
    private ConfigValueCommands() {
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set values in config/ENV.yaml, encrypted for ENV's recipients.",
                    "Creating the file needs only the recipients. Changing one that exists needs an identity that "
                            + "opens it (a SOPS file has one data key and one MAC over all its values); values not "
                            + "changed keep their ciphertext, so the diff shows what changed. A value typed here stays "
                            + "in your shell's history: prefer KEY=\"$(cat file)\" or 'jiti config edit'.", ""},
            footer = {"", "Examples:", "  jiti config set test DATABASE_URL=postgres://db/app LOG_LEVEL=debug",
                    "  jiti config set prod API_TOKEN=\"$(cat token.txt)\" --dir ../orders"})
    static final class Set implements Callable<Integer> {
        private final Terminal terminal;
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigPlace place;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE",
                description = "A variable name ([A-Za-z_][A-Za-z0-9_]*) and its value (may be empty).")
        List<String> assignments;

        Set(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws IOException {
            Map<String, String> values = new LinkedHashMap<>();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                String key = eq < 0 ? a : a.substring(0, eq);
                if (eq < 0 || !EnvConfig.VARIABLE.matcher(key).matches()) {
                    throw new ParameterException(spec.commandLine(), "KEY=VALUE: '" + key + "' is "
                            + (eq < 0 ? "not KEY=VALUE (no '=')" : "not a variable name ([A-Za-z_][A-Za-z0-9_]*)"));
                }
                if (values.put(key, a.substring(eq + 1)) != null) {
                    throw new ParameterException(spec.commandLine(), "KEY=VALUE: " + key + " is given twice");
                }
            }
            EnvConfig config = place.config();
            config.set(values, place.identities(), ConfigCommand.now());
            terminal.line("Set " + String.join(", ", values.keySet()) + " in " + config.label() + " (encrypted for "
                    + config.recipients().size() + " recipient(s)). Commit it.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true,
            description = {"Remove values from config/ENV.yaml (needs an identity that opens it).", ""},
            footer = {"", "Examples:", "  jiti config unset test LOG_LEVEL"})
    static final class Unset implements Callable<Integer> {
        private final Terminal terminal;
        @Mixin
        ConfigPlace place;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "A key to remove.")
        List<String> keys;

        Unset(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws IOException {
            EnvConfig config = place.config();
            List<String> missing = config.unset(keys, place.identities(), ConfigCommand.now());
            if (!missing.isEmpty()) {
                terminal.error("Not in " + config.label() + ": " + String.join(", ", missing));
            }
            if (missing.size() < keys.size()) {
                terminal.line("Removed " + String.join(", ", keys.stream().filter(k -> !missing.contains(k)).toList())
                        + " from " + config.label() + ". Commit it.");
            }
            return missing.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Decrypt config/ENV.yaml (its MAC checked) and print one value, or all of them as YAML.",
                    "Needs an identity that opens it. Prints values in the clear: for your terminal, not for logs.", ""},
            footer = {"", "Examples:", "  jiti config get test", "  jiti config get test DATABASE_URL",
                    "  jiti config get prod --json | jq -r .API_TOKEN"})
    static final class Get implements Callable<Integer> {
        private final Terminal terminal;
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigPlace place;
        @Parameters(index = "1", arity = "0..1", paramLabel = "KEY", description = "Print only this value (raw).")
        String key;
        @Option(names = "--json", description = "Print the values as a JSON object.")
        boolean json;

        Get(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            EnvConfig config = place.config();
            Opened opened = config.open(place.identities());
            if (key == null) {
                if (json) {
                    terminal.line(JsonOut.write(opened.values()));
                } else {
                    terminal.out().print(opened.valuesYaml());
                    terminal.out().flush();
                }
                return ExitCodes.OK;
            }
            JsonNode v = opened.values().get(key);
            if (v == null) {
                throw new ParameterException(spec.commandLine(), "KEY: no " + key + " in " + config.label()
                        + " (keys: " + String.join(", ", opened.values().properties().stream().map(java.util.Map.Entry::getKey).toList()) + ")");
            }
            terminal.line(json || !v.isValueNode() ? JsonOut.write(v) : v.asText());
            return ExitCodes.OK;
        }
    }
}

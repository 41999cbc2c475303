package io.jiti.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.load.YamlDocument;
import io.jiti.sops.Opened;
import io.jiti.sops.SopsException;
import io.jiti.sops.config.EnvConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jiti config edit}: an environment's values in an editor, decrypted into a private temporary file. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit config/ENV.yaml's values in the clear, in $VISUAL or $EDITOR (default vi).",
                "The values are decrypted (MAC checked) into a file readable only by you, in a directory of its own, "
                        + "removed when the editor exits. What you save is checked (YAML, a mapping) and encrypted "
                        + "for ENV's recipients; values not changed keep their ciphertext. Invalid YAML changes "
                        + "nothing. Needs an identity that opens the file (none when it does not exist yet).", ""},
        footer = {"", "Examples:", "  EDITOR=nano jiti config edit test"})
final class ConfigEditCommand implements Callable<Integer> {
    private final Terminal terminal;
    @Mixin
    ConfigPlace place;

    ConfigEditCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        EnvConfig config = place.config();
        config.recipients();
        ObjectNode before = config.exists() ? config.open(place.identities()).values()
                : JsonNodeFactory.instance.objectNode();
        Path dir = Files.createTempDirectory("jiti-config-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path file = dir.resolve(place.env + ".yaml");
            String header = "# " + config.label() + " in the clear: save and quit to encrypt it; this file is removed.\n";
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, header + (before.isEmpty() ? "" : Opened.yamlOf(before)));
            int exit = edit(file);
            if (exit != 0) {
                terminal.error("The editor exited " + exit + "; " + config.label() + " was not changed.");
                return ExitCodes.FAILED;
            }
            YamlDocument doc = YamlDocument.parse(Files.readString(file), config.label() + " (as edited)");
            ObjectNode after;
            if (doc.root() == null) {
                after = JsonNodeFactory.instance.objectNode();
            } else if (doc.root() instanceof ObjectNode o) {
                after = o;
            } else {
                throw new SopsException(config.label() + " (as edited)", "must be a mapping of keys to values; "
                        + config.label() + " was not changed");
            }
            if (after.equals(before)) {
                terminal.line("No changes; " + config.label() + " was not written.");
                return ExitCodes.OK;
            }
            config.replaceAll(after, place.identities(), ConfigCommand.now());
            terminal.line("Wrote " + config.label() + " (encrypted for " + config.recipients().size()
                    + " recipient(s)). Commit it.");
            return ExitCodes.OK;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private int edit(Path file) throws IOException, InterruptedException {
        String editor = firstSet(place.variable("VISUAL"), place.variable("EDITOR"), "vi");
        Process p = new ProcessBuilder(List.of("/bin/sh", "-c", editor + " \"$1\"", "jiti-config-edit", file.toString()))
                .inheritIO().start();
        return p.waitFor();
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "vi";
    }
}

package io.jiti.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.load.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A components file: a YAML list of particles, as written in a stack. */
final class Components {
    private Components() {
    }

    static JsonNode read(Path file) {
        try {
            JsonNode list = YamlDocument.parse(Files.readString(file), file.toString()).root();
            if (list == null || !list.isArray()) {
                throw new InvalidStackException(List.of(new Diagnostic(file.toString(), 1, 1,
                        "a components file is a YAML list of particles (- name: …, type: …, spec: …)")));
            }
            return list;
        } catch (IOException e) {
            throw new InvalidStackException(List.of(new Diagnostic(file.toString(), 0, 0, "cannot read: " + e.getMessage())));
        }
    }
}

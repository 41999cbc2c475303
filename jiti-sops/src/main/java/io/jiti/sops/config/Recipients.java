package io.jiti.sops.config;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.sops.Age;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An environment's recipients file, {@code .jiti/recipients/ENV}: one age recipient ({@code age1…}) a line,
 * {@code #} comments and blank lines allowed, as age's own recipients files are. Whoever is listed can read
 * the environment's config once the file is written (or rotated) again.
 */
final class Recipients {
    private final Path file;
    private final String label;

    Recipients(Path file, String label) {
        this.file = file;
        this.label = label;
    }

    /** The recipients, in file order; empty when the file does not exist. A line that is not one is bad input. */
    List<String> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = lines();
        List<String> out = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (!Age.isRecipient(l)) {
                problems.add(new Diagnostic(label, i + 1, 1, "not an age recipient: '" + l
                        + "' (expected age1 followed by 58 Bech32 characters, as age-keygen prints it)"));
            } else if (!out.contains(l)) {
                out.add(l);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidStackException(problems);
        }
        return out;
    }

    /** Adds {@code recipient} (checked by the caller); false when it was already there. */
    boolean add(String recipient) throws IOException {
        if (read().contains(recipient)) {
            return false;
        }
        StringBuilder text = new StringBuilder();
        for (String l : Files.exists(file) ? lines() : List.<String>of()) {
            text.append(l).append('\n');
        }
        FileWrites.replace(file, text.append(recipient).append('\n').toString());
        return true;
    }

    /** Removes {@code recipient}; false when it was not there. */
    boolean remove(String recipient) throws IOException {
        if (!read().contains(recipient)) {
            return false;
        }
        StringBuilder text = new StringBuilder();
        for (String l : lines()) {
            if (!l.strip().equals(recipient)) {
                text.append(l).append('\n');
            }
        }
        FileWrites.replace(file, text.toString());
        return true;
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

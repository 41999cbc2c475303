package io.jiti.sops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The age identities at hand, and where they came from. Read, like SOPS reads them, from
 * {@code JITI_AGE_KEY} (identities, one per line), {@code JITI_AGE_KEY_FILE} (a file as {@code age-keygen}
 * writes it), SOPS's own {@code SOPS_AGE_KEY} and {@code SOPS_AGE_KEY_FILE}, and SOPS's default file
 * {@code ~/.config/sops/age/keys.txt}; every source that is set is used. Lines starting with {@code #}
 * and blank lines are skipped.
 *
 * @param keys    the identities ({@code AGE-SECRET-KEY-1…}); secrets
 * @param sources where they came from (variable names, file paths), for messages
 */
public record Identities(List<String> keys, List<String> sources) {

    public Identities {
        keys = List.copyOf(keys);
        sources = List.copyOf(sources);
    }

    /** No identity. */
    public static Identities none() {
        return new Identities(List.of(), List.of());
    }

    /** The identities in {@code identity} (one per line), from a source called {@code source}. */
    public static Identities of(String source, String identity) {
        return new Identities(parse(source, identity), List.of(source));
    }

    /**
     * The identities in {@code env} (this process's environment, or one made for a test) and the files
     * it names; {@code home} is the user's home directory.
     */
    public static Identities fromEnvironment(Map<String, String> env, Path home) {
        List<String> keys = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (String var : List.of("JITI_AGE_KEY", "SOPS_AGE_KEY")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                keys.addAll(parse(var, v));
                sources.add(var);
            }
        }
        for (String var : List.of("JITI_AGE_KEY_FILE", "SOPS_AGE_KEY_FILE")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                keys.addAll(parse(var + " (" + v + ")", read(var, Path.of(v))));
                sources.add(v);
            }
        }
        Path sopsDefault = home.resolve(".config/sops/age/keys.txt");
        if (Files.isReadable(sopsDefault)) {
            keys.addAll(parse(sopsDefault.toString(), read(sopsDefault.toString(), sopsDefault)));
            sources.add(sopsDefault.toString());
        }
        return new Identities(keys, sources);
    }

    /** The recipients these identities answer for. */
    public List<String> recipients() {
        return keys.stream().map(k -> Age.recipientOf(k).orElse("?")).toList();
    }

    /** Where identities are looked for, in a sentence for a message that says none was found. */
    public static String whereToPut() {
        return "set JITI_AGE_KEY_FILE to the file 'jiti config keygen' wrote (or JITI_AGE_KEY to the identity; "
                + "SOPS_AGE_KEY_FILE and SOPS_AGE_KEY work too)";
    }

    /** Sources only: the keys never reach a log. */
    @Override
    public String toString() {
        return "Identities[" + keys.size() + " from " + sources + "]";
    }

    private static String read(String source, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SopsException(source, "cannot read the identity file " + file + " (" + e.getMessage() + ")");
        }
    }

    private static List<String> parse(String source, String text) {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\r?\n")) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (Age.recipientOf(l).isEmpty()) {
                throw new SopsException(source, "line " + n + " is not an age identity (expected AGE-SECRET-KEY-1 "
                        + "followed by 58 Bech32 characters)");
            }
            out.add(l);
        }
        return out;
    }
}

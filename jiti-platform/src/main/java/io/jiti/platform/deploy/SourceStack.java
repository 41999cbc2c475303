package io.jiti.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.load.YamlDocument;
import io.jiti.platform.PlatformException;
import io.jiti.platform.model.TemplateVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The stack file of a source commit, checked against the service's template and given the environment's config. */
final class SourceStack {
    /** The variable that tells a process which commit it runs. */
    static final String COMMIT = "JITI_COMMIT";
    private final TemplateVersion version;
    private final SourceBuilds.Prepared prepared;
    private final String label;
    private final String text;

    SourceStack(TemplateVersion version, SourceBuilds.Prepared prepared) {
        this.version = version;
        this.prepared = prepared;
        String path = prepared.source().path();
        this.label = path + "@" + prepared.commit().substring(0, 12);
        Path file = prepared.checkout().resolve(path).normalize();
        if (!file.startsWith(prepared.checkout()) || !Files.isRegularFile(file)) {
            throw PlatformException.badInput("source", "the commit has no stack file " + path
                    + " (the source's path; set it with 'jiti source set --path')");
        }
        try {
            this.text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String label() {
        return label;
    }

    String text() {
        return text;
    }

    /** The file as a tree, every particle's type checked: the template's own blueprint or one of {@code components}. */
    ObjectNode document(List<String> components) {
        YamlDocument doc;
        try {
            doc = YamlDocument.parse(text, label);
        } catch (InvalidStackException e) {
            throw PlatformException.badInput("source", e.getMessage());
        }
        if (!(doc.root() instanceof ObjectNode root) || !root.path("particles").isArray()) {
            throw PlatformException.badInput("source", label + ":1:1: a stack file needs 'particles'");
        }
        String own = "blueprint:" + version.name() + "@" + version.version().major();
        List<Diagnostic> problems = new ArrayList<>();
        JsonNode particles = root.get("particles");
        for (int i = 0; i < particles.size(); i++) {
            String type = particles.get(i).path("type").asText("");
            if (!type.equals(own) && !type.startsWith(own + ".") && !components.contains(type)) {
                int[] at = doc.positions().ofValue("/particles/" + i + "/type");
                problems.add(new Diagnostic(label, at[0], at[1], "a '" + type + "' is not allowed: service template "
                        + version.name() + "@" + version.version().major() + " allows " + own
                        + (components.isEmpty() ? "" : " and " + String.join(", ", components))));
            }
        }
        if (!problems.isEmpty()) {
            throw PlatformException.badInput("source", new InvalidStackException(problems).getMessage());
        }
        return root.deepCopy();
    }

    /** One unprotected secret per config variable, replaced when the config file changes. */
    void addConfigSecrets(ArrayNode particles) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : prepared.keys()) {
            String name = secretName(key);
            String other = names.put(name, key);
            if (other != null) {
                throw PlatformException.badInput("config", "config keys " + other + " and " + key
                        + " differ only in case or '_'/'-'; rename one");
            }
            for (JsonNode p : particles) {
                if (p.path("name").asText().equals(name)) {
                    throw PlatformException.badInput("source", "particle '" + name + "' is reserved for config key " + key);
                }
            }
            ObjectNode secret = particles.addObject();
            secret.put("name", name);
            secret.put("type", "secret");
            secret.put("protect", false);
            secret.putObject("spec").put("fromEnv", SourceBuilds.PREFIX + key)
                    .put("revision", prepared.configHash().substring(0, 16));
        }
    }

    /**
     * {@code stack} with, in each service's and job's environment, {@code JITI_COMMIT} (the commit: a new commit is
     * a change, so processes restart in its files) and every config variable (the config wins).
     */
    Stack withConfigInEnvironment(Stack stack) {
        List<Particle> out = new ArrayList<>();
        for (Particle p : stack.particles()) {
            if (!p.type().equals("service") && !p.type().equals("job")) {
                out.add(p);
                continue;
            }
            Map<String, Object> spec = new LinkedHashMap<>(p.spec());
            Map<String, Object> env = new LinkedHashMap<>();
            if (spec.get("env") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> env.put(String.valueOf(k), v));
            }
            env.put(COMMIT, prepared.commit());
            for (String key : prepared.keys()) {
                env.put(key, "${" + secretName(key) + ".value}");
            }
            spec.put("env", env);
            out.add(new Particle(p.name(), p.type(), p.state(), spec, p.dependsOn(), p.protect(), p.permissions()));
        }
        return new Stack(stack.name(), stack.provider(), out, stack.baseDir(), stack.source(), stack.expanded());
    }

    private static String secretName(String key) {
        return "config-" + key.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

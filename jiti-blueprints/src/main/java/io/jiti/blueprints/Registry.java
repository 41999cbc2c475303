package io.jiti.blueprints;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.spi.ProviderContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where blueprints are found, first match wins: the stack's {@code blueprints/} directory,
 * {@code JITI_HOME/blueprints}, the directories in {@code JITI_BLUEPRINT_PATH} (separated by the path
 * separator), then every {@code META-INF/jiti/blueprints/} on the class path (a company's set shipped as
 * a jar). Each {@code blueprint.yaml} below those (up to three levels deep) is one blueprint version.
 */
public final class Registry {
    /** Where jars carry blueprints. */
    public static final String RESOURCE_DIR = "META-INF/jiti/blueprints";
    private final List<Path> dirs;
    private final ClassLoader loader;
    private List<Blueprint> all;

    /** A registry over {@code dirs} and then {@code loader}'s class path. */
    public Registry(List<Path> dirs, ClassLoader loader) {
        this.dirs = List.copyOf(dirs);
        this.loader = loader;
    }

    /** The registry of a stack in {@code stackDir}, with this process's environment. */
    public static Registry forStack(Path stackDir, ProviderContext context) {
        List<Path> dirs = new ArrayList<>();
        if (stackDir != null) {
            dirs.add(stackDir.resolve("blueprints"));
        }
        dirs.add(context.home().resolve("blueprints"));
        String path = context.env().get("JITI_BLUEPRINT_PATH");
        if (path != null) {
            for (String p : path.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        return new Registry(dirs, Registry.class.getClassLoader());
    }

    /** Every blueprint version found, in search order. */
    public synchronized List<Blueprint> all() {
        if (all == null) {
            List<Blueprint> out = new ArrayList<>();
            for (Path dir : dirs) {
                out.addAll(fromDirectory(dir));
            }
            out.addAll(fromClassPath());
            all = List.copyOf(out);
        }
        return all;
    }

    /**
     * The blueprint {@code name} at {@code version}: {@code MAJOR} (its highest minor) or {@code MAJOR.MINOR}
     * (exactly).
     */
    public Optional<Blueprint> find(String name, String version) {
        Stream<Blueprint> named = all().stream().filter(b -> b.name().equals(name));
        if (version.matches("\\d+")) {
            int major = Integer.parseInt(version);
            return named.filter(b -> b.version().major() == major).max(Comparator.comparing(Blueprint::version));
        }
        Optional<BlueprintVersion> exact = BlueprintVersion.parse(version);
        return exact.flatMap(v -> named.filter(b -> b.version().equals(v)).findFirst());
    }

    private static List<Blueprint> fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            List<Blueprint> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().equals("blueprint.yaml")).sorted().toList()) {
                out.add(BlueprintReader.read(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
            }
            return out;
        } catch (IOException e) {
            throw new InvalidStackException(List.of(new Diagnostic(dir.toString(), 0, 0,
                    "cannot read blueprints: " + e.getMessage())));
        }
    }

    private List<Blueprint> fromClassPath() {
        List<Blueprint> out = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(RESOURCE_DIR))) {
                if (url.getProtocol().equals("jar")) {
                    JarURLConnection c = (JarURLConnection) url.openConnection();
                    c.setUseCaches(false);
                    try (JarFile jar = c.getJarFile()) {
                        for (var entry : Collections.list(jar.entries())) {
                            String n = entry.getName();
                            if (n.startsWith(RESOURCE_DIR + "/") && n.endsWith("/blueprint.yaml")) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    out.add(BlueprintReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                                            jar.getName() + "!/" + n));
                                }
                            }
                        }
                    }
                } else if (url.getProtocol().equals("file")) {
                    out.addAll(fromDirectory(Path.of(url.toURI())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** For messages: what is known, as {@code NAME@VERSION}. */
    public List<String> known() {
        return all().stream().map(Blueprint::id).distinct().toList();
    }
}

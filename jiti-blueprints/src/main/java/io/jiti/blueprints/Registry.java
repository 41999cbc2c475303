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
 * {@code JITI_HOME/blueprints}, the directories and jars in {@code JITI_BLUEPRINT_PATH} (separated by the
 * path separator), then every {@code META-INF/jiti/blueprints/} on the class path (a company's set shipped
 * as a jar). Each {@code blueprint.yaml} below a directory (up to three levels deep) is one blueprint
 * version; so is each under {@code META-INF/jiti/blueprints/} in a jar named on the path or lying directly
 * in one of those directories.
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
     * The blueprint {@code name} at {@code version}: empty (its highest version), {@code MAJOR} (its highest
     * minor) or {@code MAJOR.MINOR} (exactly).
     */
    public Optional<Blueprint> find(String name, String version) {
        Stream<Blueprint> named = all().stream().filter(b -> b.name().equals(name));
        if (version.isEmpty()) {
            return named.max(Comparator.comparing(Blueprint::version));
        }
        if (version.matches("\\d+")) {
            int major = Integer.parseInt(version);
            return named.filter(b -> b.version().major() == major).max(Comparator.comparing(Blueprint::version));
        }
        Optional<BlueprintVersion> exact = BlueprintVersion.parse(version);
        return exact.flatMap(v -> named.filter(b -> b.version().equals(v)).findFirst());
    }

    /**
     * The blueprints under {@code dir} (each {@code blueprint.yaml} up to three levels deep, and those in
     * the jars directly in it), or in {@code dir} itself when it is a jar.
     */
    private static List<Blueprint> fromDirectory(Path dir) {
        if (Files.isRegularFile(dir) && dir.getFileName().toString().endsWith(".jar")) {
            return fromJar(dir.toFile());
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            List<Blueprint> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().equals("blueprint.yaml")).sorted().toList()) {
                out.add(read(f));
            }
            try (Stream<Path> jars = Files.list(dir)) {
                jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
                        .forEach(j -> out.addAll(fromJar(j.toFile())));
            }
            return out;
        } catch (IOException e) {
            throw new InvalidStackException(List.of(new Diagnostic(dir.toString(), 0, 0,
                    "cannot read blueprints: " + e.getMessage())));
        }
    }

    /**
     * The bundle at {@code path}: a {@code blueprint.yaml} or a directory holding one; problems as
     * {@link InvalidStackException}.
     */
    public static Blueprint read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("blueprint.yaml") : path;
        try {
            return BlueprintReader.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InvalidStackException(List.of(new Diagnostic(file.toString(), 0, 0, Files.exists(file)
                    ? "cannot read: " + e.getMessage() : "no such file (a bundle is a directory holding blueprint.yaml)")));
        }
    }

    private static List<Blueprint> fromJar(File file) {
        try (JarFile jar = new JarFile(file)) {
            List<Blueprint> out = new ArrayList<>();
            for (var entry : Collections.list(jar.entries())) {
                String n = entry.getName();
                if (n.startsWith(RESOURCE_DIR + "/") && n.endsWith("/blueprint.yaml")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        out.add(BlueprintReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                                file + "!/" + n));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new InvalidStackException(List.of(new Diagnostic(file.toString(), 0, 0,
                    "cannot read blueprints from this jar: " + e.getMessage())));
        }
    }

    private List<Blueprint> fromClassPath() {
        List<Blueprint> out = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(RESOURCE_DIR))) {
                if (url.getProtocol().equals("jar")) {
                    JarURLConnection c = (JarURLConnection) url.openConnection();
                    out.addAll(fromJar(new File(c.getJarFileURL().toURI())));
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

    /** This registry with {@code b} found before anything else. */
    public Registry preferring(Blueprint b) {
        Registry out = new Registry(dirs, loader);
        List<Blueprint> list = new ArrayList<>();
        list.add(b);
        list.addAll(all());
        out.all = List.copyOf(list);
        return out;
    }

    /** For messages: what is known, as {@code NAME@VERSION}. */
    public List<String> known() {
        return all().stream().map(Blueprint::id).distinct().toList();
    }
}

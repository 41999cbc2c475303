package io.jiti.blueprints;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * What a template may {@code include}, {@code import} or {@code extend}: files of its own bundle only (the
 * directory of its {@code blueprint.yaml}, in a directory or in a jar), named by a relative path that stays
 * inside it, at most {@link #MAX_BYTES} each. Nothing from the class path, the file system at large or the
 * network.
 */
final class BundleFiles implements ResourceLocator {
    /** The largest file a template may include. */
    static final int MAX_BYTES = 1 << 20;
    private static final String IN_JAR = ".jar!/";
    private final Supplier<Blueprint> current;

    /** Resolves names against the bundle {@code current} gives at the time of the include. */
    BundleFiles(Supplier<Blueprint> current) {
        this.current = current;
    }

    @Override
    public String getString(String name, Charset encoding, JinjavaInterpreter interpreter) throws IOException {
        Blueprint b = current.get();
        String relative = relative(name, b);
        String file = b.file();
        int jar = file.indexOf(IN_JAR);
        if (jar >= 0) {
            return fromJar(file.substring(0, jar + 4), file.substring(jar + IN_JAR.length()), relative, encoding, b);
        }
        Path dir = Path.of(file).toAbsolutePath().getParent();
        Path target = dir.resolve(relative).normalize();
        if (!Files.isRegularFile(target) || !target.toRealPath().startsWith(dir.toRealPath())) {
            throw new ResourceNotFoundException("no file '" + name + "' in the bundle of " + b.id());
        }
        if (Files.size(target) > MAX_BYTES) {
            throw new ResourceNotFoundException(tooLarge(name, b));
        }
        return Files.readString(target, encoding);
    }

    private static String fromJar(String jarPath, String entry, String relative, Charset encoding, Blueprint b)
            throws IOException {
        String dir = entry.substring(0, entry.lastIndexOf('/') + 1);
        try (JarFile jar = new JarFile(jarPath)) {
            ZipEntry e = jar.getEntry(dir + relative);
            if (e == null || e.isDirectory()) {
                throw new ResourceNotFoundException("no file '" + relative + "' in the bundle of " + b.id());
            }
            try (InputStream in = jar.getInputStream(e)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new ResourceNotFoundException(tooLarge(relative, b));
                }
                return new String(bytes, encoding);
            }
        }
    }

    /** The name as a path inside the bundle, or an error for one that leaves it. */
    private static String relative(String name, Blueprint b) throws ResourceNotFoundException {
        String n = name.replace('\\', '/');
        boolean escapes = n.startsWith("/") || n.contains(":") || n.isBlank();
        for (String part : n.split("/")) {
            escapes |= part.equals("..");
        }
        if (escapes) {
            throw new ResourceNotFoundException("'" + name + "' is outside the bundle of " + b.id()
                    + "; a template includes only files of its own bundle, by a relative path");
        }
        return n;
    }

    private static String tooLarge(String name, Blueprint b) {
        return "'" + name + "' in the bundle of " + b.id() + " is larger than " + MAX_BYTES + " bytes";
    }
}

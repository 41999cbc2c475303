package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A server kit shipped inside jiti (module {@code jiti-kits}): the jars of a server that runs in a JVM of
 * its own, as resources under {@code io/jiti/kits/NAME/} with a {@code kit.properties} and a {@code files}
 * index. Unpacked once into {@code JITI_HOME/bin/NAME-VERSION} ({@link DurableFiles#createDirectoryOnce},
 * so a crash never leaves half of it).
 *
 * @param dir   the unpacked directory
 * @param props the kit's {@code kit.properties} (paths in it are relative to {@code dir})
 */
record Kit(Path dir, Properties props) {

    /** A path the kit's properties name, such as {@code jar}. */
    Path path(String property) {
        String v = props.getProperty(property);
        if (v == null) {
            throw new JitiException("kit " + dir.getFileName() + " has no " + property);
        }
        return dir.resolve(v);
    }

    /** The class path of every jar in the kit's {@code lib}. */
    String classpath() {
        return dir.resolve("lib") + "/*";
    }

    /** The kit {@code name}, unpacked into {@code home} if it is not yet. */
    static synchronized Kit ensure(Home home, String name) {
        String base = "/io/jiti/kits/" + name + "/";
        Properties props = new Properties();
        try (InputStream in = Kit.class.getResourceAsStream(base + "kit.properties")) {
            if (in == null) {
                throw new JitiException("the " + name + " server kit is not in this jiti");
            }
            props.load(in);
        } catch (IOException e) {
            throw new JitiException("cannot read the " + name + " server kit: " + e.getMessage(), e);
        }
        Path dir = home.root().resolve("bin").resolve(name + "-" + props.getProperty("version"));
        try {
            DurableFiles.createDirectoryOnce(dir, into -> {
                Files.createDirectories(into.resolve("lib"));
                List<String> files = new ArrayList<>(index(base));
                files.add("kit.properties");
                if (props.getProperty("additions") != null) {
                    files.add(props.getProperty("additions"));
                }
                for (String f : files) {
                    try (InputStream in = Kit.class.getResourceAsStream(base + f)) {
                        if (in == null) {
                            throw new IOException("missing " + f);
                        }
                        Files.copy(in, into.resolve(f));
                    }
                }
                VerifiedTree.seal(into);
            });
            VerifiedTree.verify(home, dir);
            return new Kit(dir, props);
        } catch (IOException e) {
            throw new JitiException("cannot unpack the " + name + " server kit into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> index(String base) throws IOException {
        try (InputStream in = Kit.class.getResourceAsStream(base + "files")) {
            if (in == null) {
                throw new IOException("no index");
            }
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(":"));
        }
    }
}

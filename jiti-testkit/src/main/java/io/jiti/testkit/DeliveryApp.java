package io.jiti.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What delivery's tests and {@code bench/push} deploy: an environment template ({@code lab-env}, a note file),
 * a service template ({@code app}, one web-service instance) and a repository's files (a Java app that answers
 * with its {@code version.txt} and its {@code GREETING}, and crashes soon after it starts when {@code crash.txt}
 * exists; a {@code jiti.yaml} that uses the {@code app} template).
 */
public final class DeliveryApp {
    private DeliveryApp() {
    }

    /** Writes the template {@code name} ({@code lab-env} or {@code app}) as {@code DIR/blueprint.yaml}; answers DIR. */
    public static Path template(String name, Path dir) {
        return write(name + ".yaml", dir, "blueprint.yaml").getParent();
    }

    /** Writes the repository's files ({@code App.java}, {@code jiti.yaml}) and {@code version.txt} into {@code dir}. */
    public static void repository(Path dir, String version) {
        write("App.java", dir, "App.java");
        write("jiti.yaml", dir, "jiti.yaml");
        try {
            Files.writeString(dir.resolve("version.txt"), version + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a template ({@code lab-env} or {@code app}), for an API call. */
    public static String templateText(String name) {
        try (InputStream in = resource(name + ".yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(String resource, Path dir, String file) {
        try (InputStream in = resource(resource)) {
            Files.createDirectories(dir);
            Path out = dir.resolve(file);
            Files.write(out, in.readAllBytes());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DeliveryApp.class.getResourceAsStream("delivery/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no delivery fixture " + name);
        }
        return in;
    }
}

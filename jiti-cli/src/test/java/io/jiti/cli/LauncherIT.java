package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./jiti} launcher rebuilds the CLI when any module it is made of changed, and only then. */
class LauncherIT {
    @TempDir
    Path root;

    /** Runs the launcher in a copy of the layout with a recording {@code mvnw} and {@code java}. */
    private String run() throws Exception {
        Path log = root.resolve("calls.log");
        Files.deleteIfExists(log);
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("jiti").toString(), "version").redirectErrorStream(true)
                .redirectOutput(root.resolve("out.log").toFile());
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static void script(Path file, String body) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aChangeInAnyModuleOfTheCliRebuildsIt() throws Exception {
        Files.copy(Path.of("../jiti"), root.resolve("jiti"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        script(root.resolve("mvnw"), "echo mvnw >> \"$(dirname \"$0\")/calls.log\"; touch \"$(dirname \"$0\")/jiti-cli/target/jiti.jar\"");
        script(root.resolve("jdk/bin/java"), "echo java >> \"" + root.resolve("calls.log") + "\"");
        Path jar = root.resolve("jiti-cli/target/jiti.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        List<String> sources = List.of("jiti-core/src/main/java/A.java", "jiti-proxy/src/main/java/B.java",
                "jiti-s3/src/main/java/C.java", "jiti-blueprints/src/main/resources/x.yaml", "jiti-kits/sqs/pom.xml",
                "examples/blueprints/src/main/D.java");
        for (String s : sources) {
            Files.createDirectories(root.resolve(s).getParent());
            Files.writeString(root.resolve(s), "x");
        }
        Instant base = Instant.now().minusSeconds(3600);
        try (var all = Files.walk(root)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, FileTime.from(base));
            }
        }
        Files.setLastModifiedTime(jar, FileTime.from(base.plusSeconds(60)));
        assertThat(run()).doesNotContain("mvnw").contains("java"); // nothing changed: no build
        for (String s : sources) {
            Files.setLastModifiedTime(jar, FileTime.from(base.plusSeconds(60)));
            Files.setLastModifiedTime(root.resolve(s), FileTime.from(base.plusSeconds(120)));
            assertThat(run()).as(s).startsWith("mvnw\njava");
            Files.setLastModifiedTime(root.resolve(s), FileTime.from(base));
        }
    }
}

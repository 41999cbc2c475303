package io.jiti.local.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds without a Dockerfile: finds a directory's ecosystem, builds it with that ecosystem's own tool,
 * and finds how to start it: the {@code web:} line of its {@code Procfile}, else the ecosystem's usual
 * start ({@code java -jar} of the built jar, {@code npm start}, {@code bundle exec rackup}).
 */
final class Builds {
    /** How a built jar starts, as on Heroku: Spring Boot and others take the port as {@code server.port}. */
    static final String JAVA_START = "java -Dserver.port=$PORT $JAVA_OPTS -jar ";

    private Builds() {
    }

    /** The shell command that builds {@code dir}, or empty when no ecosystem is recognised. */
    static Optional<String> buildCommand(Path dir) {
        if (Files.isRegularFile(dir.resolve("mvnw"))) {
            return Optional.of("sh ./mvnw -q -B -DskipTests package");
        }
        if (Files.isRegularFile(dir.resolve("pom.xml"))) {
            return Optional.of("mvn -q -B -DskipTests package");
        }
        if (Files.isRegularFile(dir.resolve("gradlew"))) {
            return Optional.of("sh ./gradlew -q build -x test");
        }
        if (Files.isRegularFile(dir.resolve("package.json"))) {
            return Optional.of(Files.exists(dir.resolve("package-lock.json")) ? "npm ci --no-audit --no-fund"
                    : "npm install --no-audit --no-fund");
        }
        if (Files.isRegularFile(dir.resolve("requirements.txt"))) {
            return Optional.of("python3 -m venv .venv && .venv/bin/pip install -q --disable-pip-version-check"
                    + " -r requirements.txt");
        }
        if (Files.isRegularFile(dir.resolve("pyproject.toml"))) {
            return Optional.of("python3 -m venv .venv && .venv/bin/pip install -q --disable-pip-version-check .");
        }
        if (Files.isRegularFile(dir.resolve("Gemfile"))) {
            return Optional.of("bundle install");
        }
        return Optional.empty();
    }

    /** How to start the built app, or empty with no Procfile and no usual start. */
    static Optional<String> startCommand(Path dir) throws IOException {
        Path procfile = dir.resolve("Procfile");
        if (Files.isRegularFile(procfile)) {
            for (String line : Files.readAllLines(procfile, StandardCharsets.UTF_8)) {
                if (line.startsWith("web:")) {
                    return Optional.of(line.substring(4).trim());
                }
            }
        }
        if (Files.isRegularFile(dir.resolve("pom.xml")) || Files.isRegularFile(dir.resolve("mvnw"))) {
            return jar(dir.resolve("target")).map(j -> JAVA_START + dir.relativize(j));
        }
        if (Files.isRegularFile(dir.resolve("gradlew"))) {
            return jar(dir.resolve("build/libs")).map(j -> JAVA_START + dir.relativize(j));
        }
        if (Files.isRegularFile(dir.resolve("package.json"))) {
            return Optional.of("npm start");
        }
        if (Files.isRegularFile(dir.resolve("Gemfile")) && Files.isRegularFile(dir.resolve("config.ru"))) {
            return Optional.of("bundle exec rackup -o 127.0.0.1 -p $PORT");
        }
        return Optional.empty();
    }

    /** The largest runnable jar in {@code dir} (not sources, javadoc, tests, plain or pre-shade originals). */
    private static Optional<Path> jar(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".jar") && !n.startsWith("original-") && !n.endsWith("-sources.jar")
                        && !n.endsWith("-javadoc.jar") && !n.endsWith("-tests.jar") && !n.endsWith("-plain.jar");
            }).max(Comparator.comparingLong(p -> p.toFile().length()));
        }
    }
}

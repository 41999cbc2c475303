package io.jiti.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jiti.api.InvalidStackException;
import io.jiti.api.Stack;
import io.jiti.command.Invocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack loaded for an invocation: its relative path is relative to where the command ran (not to this
 * JVM's directory) and named as the caller wrote it; only regular files of bounded size are read.
 */
class StackLoaderInvocationTest {
    @TempDir
    Path dir;

    private StackLoader loader(Path workDir) {
        return new StackLoader(TypeCatalog.portable()).forInvocation(new Invocation(List.of("validate"), workDir, Map.of(), false));
    }

    private String problem(StackLoader loader, Path path) {
        InvalidStackException e = catchThrowableOfType(InvalidStackException.class, () -> loader.load(path));
        assertThat(e).isNotNull();
        return e.diagnostics().get(0).toString();
    }

    @Test
    void relativePathsAreTheCallersAndKeepTheirName() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/jiti.yaml"), "stack: s\nparticles:\n  - {name: f, type: file, spec: {content: x}}\n");
        Stack s = loader(dir).load(Path.of("app"));
        assertThat(s.source()).isEqualTo("app/jiti.yaml");
        assertThat(s.name()).isEqualTo("s");
        Files.writeString(dir.resolve("app/bad.yaml"), "stack: s\nparticles:\n  - {name: f, type: nope}\n");
        assertThat(problem(loader(dir), Path.of("app/bad.yaml"))).startsWith("app/bad.yaml:3:");
        assertThat(problem(loader(dir), Path.of("app/missing.yaml"))).isEqualTo("app/missing.yaml:0:0: no such file");
        assertThat(loader(dir.resolve("app")).load(Path.of(".")).source()).isEqualTo("./jiti.yaml");
    }

    @Test
    void onlyBoundedRegularFilesAreRead() throws IOException {
        assertThat(problem(loader(dir), Path.of("/dev/zero"))).isEqualTo("/dev/zero:0:0: cannot read: not a regular file");
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[StackLoader.MAX_FILE_BYTES + 1]);
        assertThat(problem(loader(dir), Path.of("big.yaml"))).startsWith("big.yaml:0:0: cannot read: larger than 12 MiB");
    }
}

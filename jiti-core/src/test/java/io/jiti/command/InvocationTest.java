package io.jiti.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An invocation carries where and with which settings a command line ran, for another JVM to run it alike. */
class InvocationTest {

    @Test
    void aRelativeHomeIsRelativeToWhereTheCommandRan() {
        Invocation i = new Invocation(List.of("status"), Path.of("/work/app"), Map.of("JITI_HOME", "h"), false);
        assertThat(i.context().home()).isEqualTo(Path.of("/work/app/h"));
        assertThat(new Invocation(List.of("status"), Path.of("/w"), Map.of("JITI_HOME", "/abs"), false).context().home())
                .isEqualTo(Path.of("/abs"));
        assertThat(new Invocation(List.of("status"), Path.of("/w"), Map.of(), false).context().home())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".jiti"));
    }

    @Test
    void onlyTheSettingsAreHandedOver() {
        Invocation i = new Invocation(List.of("validate"), Path.of("/w"),
                Map.of("JITI_HOME", "/h", "JITI_ENVIRONMENT", "staging", "AWS_SECRET_ACCESS_KEY", "s3cr3t", "PATH", "/bin"),
                true);
        assertThat(i.settingsOnly().env()).isEqualTo(Map.of("JITI_HOME", "/h", "JITI_ENVIRONMENT", "staging"));
        assertThat(i.settingsOnly().color()).isTrue();
        assertThat(i.resolve(Path.of("a/jiti.yaml"))).isEqualTo(Path.of("/w/a/jiti.yaml"));
        assertThat(i.resolve(Path.of("/b"))).isEqualTo(Path.of("/b"));
    }

    @Test
    void theWorkingDirectoryIsAbsolute() {
        assertThatThrownBy(() -> new Invocation(List.of("status"), Path.of("rel"), Map.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workDir");
    }
}

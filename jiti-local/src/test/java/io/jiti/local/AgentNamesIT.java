package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.spi.ProviderException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent checks the names it turns into paths itself, whatever its client sends. */
class AgentNamesIT {
    @Test
    void aStackOrParticleNameThatIsNotANameIsRefusedAndNothingIsWritten() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            ParticleRequest file = new ParticleRequest("file", Map.of("content", "x"), "h", true, false, List.of(),
                    f.home.toString());
            // dot segments never even reach the agent as names: the HTTP server resolves or refuses them
            for (String stack : List.of("..", ".")) {
                assertThatThrownBy(() -> f.provider.agent().put(stack, "f", file)).as(stack)
                        .isInstanceOf(ProviderException.class);
            }
            for (String stack : List.of("Upper", "a b", "-x", "x".repeat(201))) {
                assertThatThrownBy(() -> f.provider.agent().put(stack, "f", file)).as(stack)
                        .isInstanceOf(ProviderException.class).hasMessageContaining("invalid stack name");
            }
            for (String name : List.of("a..b", ".a", "a.", "A")) {
                assertThatThrownBy(() -> f.provider.agent().put("s", name, file)).as(name)
                        .isInstanceOf(ProviderException.class).hasMessageContaining("invalid particle name");
            }
            assertThat(Files.exists(f.home.resolve("stacks"))).isFalse();
            assertThat(f.provider.agent().put("s", "ok.member", file).name()).isEqualTo("ok.member");
            f.provider.agent().delete("s", "ok.member");
        }
    }
}

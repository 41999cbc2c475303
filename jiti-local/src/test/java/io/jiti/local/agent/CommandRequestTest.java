package io.jiti.local.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiti.command.Invocation;
import io.jiti.local.AgentForwarder;
import io.jiti.local.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The body of {@code POST /v1/commands}: what the CLI writes (by hand, without a JSON library) is what the
 * agent reads, whatever the characters; a request out of bounds is a 400 naming the field, never another error.
 */
class CommandRequestTest {

    private static CommandRequest read(String json) throws Exception {
        return Json.MAPPER.readValue(json, CommandRequest.class);
    }

    @Property(tries = 300)
    void whatTheCliWritesTheAgentReads(@ForAll @Size(min = 1, max = 6) List<String> args, @ForAll String home,
            @ForAll boolean color, @ForAll String build) throws Exception {
        Invocation sent = new Invocation(args, Path.of("/work dir/\"quoted\"\\"), Map.of("JITI_HOME", home), color);
        CommandRequest got = read(AgentForwarder.request(sent, build));
        assertThat(got.args()).isEqualTo(args);
        assertThat(got.workDir()).isEqualTo("/work dir/\"quoted\"\\");
        assertThat(got.env()).isEqualTo(Map.of("JITI_HOME", home));
        assertThat(got.color()).isEqualTo(color);
        assertThat(got.build()).isEqualTo(build);
    }

    @Property(tries = 1000)
    void anyRequestIsAnInvocationOrA400(@ForAll List<String> args, @ForAll String workDir,
            @ForAll Map<String, String> env, @ForAll String build) {
        CommandRequest r = new CommandRequest(args, workDir, env, false, build);
        try {
            Invocation i = r.invocation();
            assertThat(i.workDir().isAbsolute()).isTrue();
            assertThat(Invocation.SETTINGS).containsAll(i.env().keySet());
            i.context(); // the home it names is a path
        } catch (Agent.AgentException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).matches("(args|workDir|env|build).*");
        }
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThatThrownBy(() -> new CommandRequest(List.of(), "/", Map.of(), false, "b").invocation())
                .hasMessageStartingWith("args:");
        assertThatThrownBy(() -> new CommandRequest(List.of("status"), "relative", Map.of(), false, "b").invocation())
                .hasMessageStartingWith("workDir:");
        assertThatThrownBy(() -> new CommandRequest(List.of("status"), "/", Map.of("PATH", "/bin"), false, "b")
                .invocation()).hasMessageStartingWith("env: only [JITI_ENVIRONMENT, JITI_HOME, JITI_TIMEOUT]");
        assertThatThrownBy(() -> new CommandRequest(List.of("status"), "/", Map.of("JITI_HOME", "a\0b"), false, "b")
                .invocation()).hasMessageStartingWith("env.JITI_HOME:");
        assertThatThrownBy(() -> new CommandRequest(List.of("status"), "/", null, false, null).invocation())
                .hasMessageStartingWith("build:");
    }
}

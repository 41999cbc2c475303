package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code validate} and {@code status} answered by the running agent for a CLI of its build (the packaged jar
 * started it): the same output and exit codes as the CLI's own run ({@code JITI_WARM=off}), paths relative to
 * where the CLI ran, counted by the agent; a CLI of another build runs them itself.
 */
class WarmCommandsIT {
    private Path home;
    private Path app;
    private JitiProcess jiti;

    @BeforeEach
    void setUp() throws IOException {
        home = io.jiti.testkit.TestDirs.create("jiti-warm-it");
        app = JitiProcess.helloApp();
        jiti = new JitiProcess(home).in(app.getParent());
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.downAndStopAgent(app);
    }

    /** How many commands of {@code command} the home's agent has answered (its {@code /metrics}). */
    private long answered(String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(home.resolve("agent/agent.sock")));
            ch.write(ByteBuffer.wrap("GET /metrics HTTP/1.0\r\nHost: agent\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            String metrics = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("jiti_agent_commands_total\\{command=\"" + command + "\"} (\\d+)").matcher(metrics);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }

    private JitiProcess cold() {
        return new JitiProcess(home).in(app.getParent()).env("JITI_WARM", "off");
    }

    @Test
    void theAgentAnswersValidateAndStatusExactlyAsTheCliWould() throws Exception {
        String rel = app.getFileName().toString(); // relative to the CLI's directory, not the agent's
        assertThat(jiti.run("up", rel).code()).isZero();
        Files.writeString(app.resolve("bad.yaml"), "stack: bad\nparticles:\n  - {name: x, type: nope}\n");

        for (List<String> args : List.of(List.of("validate", rel), List.of("validate", rel + "/bad.yaml"),
                List.of("validate", rel + "/missing.yaml"), List.of("status", rel + "/bad.yaml"),
                List.of("validate", "--help"), List.of("status", "--no-such-option"))) {
            long before = answered(args.get(0));
            JitiProcess.Result warm = jiti.run(args.toArray(String[]::new));
            assertThat(answered(args.get(0))).as("answered by the agent: %s", args).isEqualTo(before + 1);
            JitiProcess.Result own = cold().run(args.toArray(String[]::new));
            assertThat(answered(args.get(0))).as("JITI_WARM=off: run by the CLI itself").isEqualTo(before + 1);
            assertThat(warm.out()).as("%s", args).isEqualTo(own.out());
            assertThat(warm.code()).as("%s", args).isEqualTo(own.code());
        }
        assertThat(jiti.run("validate", rel).out()).startsWith(rel + "/jiti.yaml: stack hello is valid (3 particles)");
        assertThat(jiti.run("validate", rel + "/bad.yaml").code()).isEqualTo(2);

        long before = answered("status");
        JitiProcess.Result warm = jiti.run("status", "--json", rel);
        JitiProcess.Result own = cold().run("status", "--json", rel);
        assertThat(answered("status")).isEqualTo(before + 1);
        assertThat(warm.code()).isZero();
        JsonNode w = JsonOut.MAPPER.readTree(warm.out());
        JsonNode o = JsonOut.MAPPER.readTree(own.out());
        assertThat(w.path("stack").asText()).isEqualTo("hello");
        for (int i = 0; i < o.path("particles").size(); i++) { // the same particles, states and outputs
            JsonNode a = w.path("particles").get(i);
            JsonNode b = o.path("particles").get(i);
            assertThat(a.path("name")).isEqualTo(b.path("name"));
            assertThat(a.path("state")).isEqualTo(b.path("state"));
            assertThat(a.path("outputs")).isEqualTo(b.path("outputs"));
            assertThat(a.path("instances").size()).isEqualTo(b.path("instances").size());
        }
        String table = jiti.run("status", rel).out();
        assertThat(table).startsWith("Stack hello on local:").contains("web       service  running");
    }

    @Test
    void aCliOfAnotherBuildRunsTheCommandsItself() throws Exception {
        assertThat(jiti.run("up", app.toString()).code()).isZero();
        Path other = home.resolve("other-build.jar"); // another path is another build
        try {
            Files.createLink(other, JitiProcess.JAR);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(JitiProcess.JAR, other);
        }
        long before = answered("validate");
        JitiProcess.Result r = new JitiProcess(home, other).run("validate", app.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("stack hello is valid");
        assertThat(answered("validate")).as("the agent refused it (409); the CLI ran it").isEqualTo(before);
        Files.delete(other);
    }
}

package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/commands} of a real agent under bad input: random and mutated bodies are each a 4xx with a
 * JSON error (never a 500, never a command run), and a well-formed request of another build is a 409.
 */
class HostedCommandsIT {

    private static String post(AgentFixture f, byte[] body) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(f.home.resolve("agent/agent.sock")));
            ch.write(ByteBuffer.wrap(("POST /v1/commands HTTP/1.0\r\nHost: agent\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ch.write(ByteBuffer.wrap(body));
            return new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    @Test
    void badRequestsAre4xxAndAnotherBuildIsRefused() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            assertThat(f.reconciler().observe("hosted-it")).isEmpty(); // the agent runs
            String valid = AgentForwarder.request(new io.jiti.command.Invocation(List.of("validate", "."),
                    java.nio.file.Path.of("/"), java.util.Map.of("JITI_HOME", f.home.toString()), false), "another build");
            String refused = post(f, valid.getBytes(StandardCharsets.UTF_8));
            assertThat(status(refused)).as(refused).isEqualTo(409);
            assertThat(refused).contains("another build");

            long seed = new Random().nextLong();
            Random random = new Random(seed);
            byte[] base = valid.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 300; i++) {
                byte[] body;
                if (i % 3 == 0) { // noise
                    body = new byte[random.nextInt(200)];
                    random.nextBytes(body);
                } else { // the valid request with a few bytes changed, cut or doubled
                    body = java.util.Arrays.copyOf(base, i % 3 == 1 ? base.length : random.nextInt(base.length * 2 + 1));
                    String chars = "{}[]\":,0aZ\\\u0000 nulltrue";
                    for (int k = 0; k < 1 + random.nextInt(4) && body.length > 0; k++) {
                        body[random.nextInt(body.length)] = (byte) chars.charAt(random.nextInt(chars.length()));
                    }
                }
                String answer = post(f, body);
                assertThat(status(answer)).as("seed %d, body %s: %s", seed, new String(body, StandardCharsets.UTF_8), answer)
                        .isBetween(400, 499);
                assertThat(answer).contains("\"error\"");
            }
        }
    }
}

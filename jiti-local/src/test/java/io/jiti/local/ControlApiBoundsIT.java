package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.spi.Observed;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent's control API under clients that never finish a request (slowloris): they hold no thread, so
 * the API goes on answering, and its threads stay within the pool's bound.
 */
class ControlApiBoundsIT {
    private static final int SLOW = 400;

    /** Threads of the API's pool ({@code agent-api-N}) in the agent process. */
    private static long apiThreads(long pid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).startsWith("agent-api");
                } catch (IOException e) {
                    return false; // the thread ended
                }
            }).count();
        }
    }

    @Test
    void clientsThatNeverFinishARequestDoNotStarveTheApi() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            Map<String, Observed> none = f.reconciler().observe("bounds-it");
            assertThat(none).isEmpty();
            long pid = f.provider.agent().running().orElseThrow().pid();
            List<SocketChannel> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW; i++) {
                    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                    ch.connect(UnixDomainSocketAddress.of(f.home.resolve("agent/agent.sock")));
                    ch.write(ByteBuffer.wrap("GET /v1/stacks/x/particles HTTP/1.1\r\nHost: agent\r\nX-Slow: "
                            .getBytes(StandardCharsets.US_ASCII)));
                    slow.add(ch);
                }
                // every slow request is open; real calls still answer at once
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    assertThat(f.reconciler().observe("bounds-it")).isEmpty();
                    assertThat((System.nanoTime() - start) / 1_000_000)
                            .as("ms for a call among %d slow clients", SLOW).isLessThan(2000);
                }
                long api = apiThreads(pid);
                System.out.printf("control-api: %d pool threads with %d slow clients%n", api, SLOW);
                // the pool's bound: 40 for requests and 6 for Jetty's own (selector, acceptor, reserved)
                assertThat(api).isPositive().isLessThanOrEqualTo(46);
            } finally {
                for (SocketChannel ch : slow) {
                    ch.close();
                }
            }
        }
    }
}

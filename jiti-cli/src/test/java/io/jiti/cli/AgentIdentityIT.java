package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A process squatting the port an old {@code agent.json} names (left by a {@code kill -9}) gets nothing
 * from the CLI: no connection, no token, no secret, no spec; the command goes to a fresh agent instead.
 */
class AgentIdentityIT {
    private static final String SUPPLIED = "the-supplied-secret-5a1e";
    private Path home;
    private Path app;
    private JitiProcess jiti;

    @BeforeEach
    void setUp() throws Exception {
        home = io.jiti.testkit.TestDirs.create("jiti-identity-it");
        app = io.jiti.testkit.TestDirs.create("jiti-identity-app");
        Files.writeString(app.resolve("jiti.yaml"), """
                stack: identity-it
                particles:
                  - name: token
                    type: secret
                    protect: false
                    spec: {fromEnv: API_TOKEN}
                  - name: note
                    type: file
                    spec: {content: hello}
                """);
        jiti = new JitiProcess(home).env("API_TOKEN", SUPPLIED);
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.downAndStopAgent(app);
    }

    @Test
    void aListenerOnTheRecordedPortOfADeadAgentReceivesNothing() throws Exception {
        assertThat(jiti.run("up", app.toString()).code()).isZero();
        var info = JsonOut.MAPPER.readTree(home.resolve("agent/agent.json").toFile());
        long pid = info.path("pid").asLong();
        int port = info.path("port").asInt();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        assertThat(home.resolve("agent/agent.json")).exists(); // stale, as after a kill -9 or a reboot

        AtomicInteger connections = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        try (ServerSocket squatter = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                while (!squatter.isClosed()) {
                    try (Socket s = squatter.accept()) {
                        connections.incrementAndGet();
                        s.setSoTimeout(2000);
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[8192];
                        int n = in.read(buf);
                        bytes.addAndGet(Math.max(n, 0));
                        s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
            JitiProcess.Result up = jiti.run("up", app.toString());
            assertThat(up.code()).as(up.out()).isZero();
            JitiProcess.Result status = jiti.run("status", app.toString());
            assertThat(status.code()).as(status.out()).isZero();
            assertThat(status.out()).contains("note");
        }
        assertThat(connections.get()).as("connections to the squatted port").isZero();
        assertThat(bytes.get()).isZero();
        long fresh = JsonOut.MAPPER.readTree(home.resolve("agent/agent.json").toFile()).path("pid").asLong();
        assertThat(fresh).isNotEqualTo(pid);
    }
}

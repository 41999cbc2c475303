package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiti.engine.ApplyReport;
import io.jiti.load.StackLoader;
import io.jiti.spi.Observed;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Apps that bind what they choose: one on a fixed port fails fast with what it listens on; one that reads
 * the conventional variables (SERVER_PORT, SERVER_ADDRESS) runs without any wiring; one on every interface
 * runs, with a warning in status.
 */
class InstancePortsIT {
    /** Listens on ARG0 (a port, or the name of a variable holding it) at ARG1 (an address or variable). */
    private static final String LISTENER = """
            public class Listen {
                public static void main(String[] a) throws Exception {
                    String port = a[0].matches("\\\\d+") ? a[0] : System.getenv(a[0]);
                    String host = a[1].matches("[0-9.:]+") ? a[1] : System.getenv(a[1]);
                    var s = new java.net.ServerSocket(Integer.parseInt(port), 50, java.net.InetAddress.getByName(host));
                    while (true) {
                        s.accept().close();
                    }
                }
            }
            """;

    private static io.jiti.api.Stack stack(Path app, String name, String args) throws Exception {
        Files.writeString(app.resolve("Listen.java"), LISTENER);
        return StackLoader.builtIn().parse("stack: " + name + "\nparticles:\n"
                + "  - name: web\n    type: service\n    spec:\n      command: java Listen.java " + args
                + "\n      instances: 2\n", "jiti.yaml", app);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void anAppOnAFixedPortFailsFastSayingWhatItListensOn() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            Path app = io.jiti.testkit.TestDirs.create("jiti-fixed");
            int fixed = freePort();
            f.track("fixed-it");
            long start = System.nanoTime();
            ApplyReport up = f.reconciler().apply(stack(app, "fixed-it", fixed + " 127.0.0.1"));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            System.out.printf("fixed-port-failure: %d s%n", seconds);
            assertThat(up.ok()).isFalse();
            String why = up.problems().get(0).toString();
            assertThat(why).contains("listens on :" + fixed + ", not on $PORT=")
                    .contains("keep running and restarting until the stack changes");
            assertThat(seconds).as("failed well before the 60 s timeout").isLessThan(30);
        }
    }

    @Test
    void theConventionalVariablesAreSetAndAWildcardBindIsWarnedAbout() throws Exception {
        try (AgentFixture f = new AgentFixture()) {
            Path app = io.jiti.testkit.TestDirs.create("jiti-conv");
            f.track("conv-it");
            ApplyReport up = f.reconciler().apply(stack(app, "conv-it", "SERVER_PORT SERVER_ADDRESS"));
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            Observed web = f.reconciler().observe("conv-it").get("web");
            assertThat(web.message()).isEmpty();

            f.track("wild-it");
            ApplyReport wild = f.reconciler().apply(stack(app, "wild-it", "PORT 0.0.0.0"));
            assertThat(wild.ok()).as("%s", wild.problems()).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    f.reconciler().observe("wild-it").get("web").message())
                    .startsWith("warning: instance web-").contains("listens on every interface (*:"));
        }
    }
}

package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service with {@code tls: true} is served over HTTPS with a certificate of the home's CA, checked by
 * clients no one here wrote: curl with the exported CA succeeds and without it fails verification, openssl
 * negotiates TLS 1.3 and verifies the chain; after {@code jiti ca rotate} only the new CA is trusted.
 */
class TlsIT {
    private Path home;
    private Path app;
    private JitiProcess jiti;

    @BeforeEach
    void setUp() throws Exception {
        home = io.jiti.testkit.TestDirs.create("jiti-tls-it");
        app = JitiProcess.helloApp();
        Path stack = app.resolve("jiti.yaml");
        Files.writeString(stack, Files.readString(stack).replace("      instances: 2\n", "      instances: 1\n      tls: true\n"));
        jiti = new JitiProcess(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        jiti.downAndStopAgent(app);
    }

    /** Runs a command; its exit code and output. */
    private static JitiProcess.Result run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new JitiProcess.Result(p.exitValue(), out);
    }

    private Path exportCa(String name) throws Exception {
        JitiProcess.Result ca = jiti.run("ca", "export");
        assertThat(ca.code()).as(ca.out()).isZero();
        assertThat(ca.out()).startsWith("-----BEGIN CERTIFICATE-----");
        Path file = home.resolve(name);
        Files.writeString(file, ca.out());
        return file;
    }

    @Test
    void httpsWithTheHomesCaForCurlAndOpensslAndANewCaAfterRotation() throws Exception {
        JitiProcess.Result up = jiti.run("up", app.toString());
        assertThat(up.code()).as(up.out()).isZero();
        Matcher m = Pattern.compile("web\\.url = (https://127\\.0\\.0\\.1:(\\d+))").matcher(up.out());
        assertThat(m.find()).as(up.out()).isTrue();
        String url = m.group(1);
        Path ca = exportCa("ca.pem");

        JitiProcess.Result trusted = run("curl", "-sS", "--cacert", ca.toString(), url);
        assertThat(trusted.code()).as(trusted.out()).isZero();
        assertThat(trusted.out()).contains("Hello from a just-in-time stack!");
        assertThat(run("curl", "-sS", url).code()).as("curl without the CA").isEqualTo(60);

        JitiProcess.Result openssl = run("openssl", "s_client", "-connect", "127.0.0.1:" + m.group(2), "-CAfile",
                ca.toString(), "-verify_return_error", "-brief");
        assertThat(openssl.out()).contains("Protocol version: TLSv1.3").contains("Verification: OK")
                .contains("CN = localhost");
        JitiProcess.Result tls12 = run("openssl", "s_client", "-connect", "127.0.0.1:" + m.group(2), "-CAfile",
                ca.toString(), "-tls1_2", "-brief");
        assertThat(tls12.out()).contains("Protocol version: TLSv1.2");

        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
            // the balancer host serves TLS with BoringSSL (netty-tcnative), not the JDK's slower engine
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                try (var files = Files.walk(home.resolve("agent"))) {
                    return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".log")
                            || f.toString().endsWith(".out")).anyMatch(f -> {
                                try {
                                    return Files.readString(f).contains("(HTTPS, TLS by OPENSSL)");
                                } catch (java.io.IOException e) {
                                    return false;
                                }
                            });
                }
            });
        }

        JitiProcess.Result rotate = jiti.run("ca", "rotate");
        assertThat(rotate.code()).as(rotate.out()).isZero();
        Path next = exportCa("ca-next.pem");
        assertThat(Files.readString(next)).isNotEqualTo(Files.readString(ca));
        assertThat(run("curl", "-sS", "--cacert", ca.toString(), url).code()).as("the old CA").isEqualTo(60);
        assertThat(run("curl", "-sS", "--cacert", next.toString(), url).code()).as("the new CA").isZero();
        assertThat(List.of(jiti.run("ca", "export", "--provider", "nope").code())).containsExactly(2);
    }
}

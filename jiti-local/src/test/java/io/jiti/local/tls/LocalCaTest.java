package io.jiti.local.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.local.Home;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaTest {
    @TempDir
    java.nio.file.Path dir;

    private static List<X509Certificate> certificates(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                .map(c -> (X509Certificate) c).toList();
    }

    @Test
    void theServerCertificateIsForLoopbackAndSignedByTheHomesCaWhichRotates() throws Exception {
        Home home = new Home(dir);
        LocalCa ca = LocalCa.of(home);
        X509Certificate root = certificates(ca.certificatePem()).get(0);
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        LocalCa.ServerCertificate server = ca.server();
        List<X509Certificate> chain = certificates(server.chainPem());
        X509Certificate leaf = chain.get(0);
        leaf.verify(root.getPublicKey());
        assertThat(leaf.getSubjectAlternativeNames()).extracting(n -> n.get(1).toString())
                .containsExactlyInAnyOrder("127.0.0.1", "0:0:0:0:0:0:0:1", "localhost");
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("agent/ca/ca.key"))))
                .isEqualTo("rw-------");
        // the same on the next open, until it is rotated
        assertThat(LocalCa.of(home).certificatePem()).isEqualTo(ca.certificatePem());
        assertThat(LocalCa.of(home).server().chainPem()).isEqualTo(server.chainPem());
        // a server certificate issued with the key read back from ca.key (PKCS#8 PEM) is signed by the same CA
        Files.delete(dir.resolve("agent/ca/server.crt"));
        Files.delete(dir.resolve("agent/ca/server.key"));
        X509Certificate reissued = certificates(LocalCa.of(home).server().chainPem()).get(0);
        reissued.verify(root.getPublicKey());
        assertThat(reissued).isNotEqualTo(leaf);
        assertThat(Files.readString(dir.resolve("agent/ca/ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        LocalCa next = LocalCa.rotate(home);
        assertThat(next.certificatePem()).isNotEqualTo(ca.certificatePem());
        X509Certificate newLeaf = certificates(next.server().chainPem()).get(0);
        newLeaf.verify(certificates(next.certificatePem()).get(0).getPublicKey());
        assertThat(newLeaf).isNotEqualTo(leaf);
    }
}

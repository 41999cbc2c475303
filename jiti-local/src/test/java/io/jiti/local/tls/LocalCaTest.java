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

    @Test
    void runtimesAskingAtOnceGetOneCertificateWhoseKeyIsItsOwn() throws Exception {
        Home home = new Home(dir);
        LocalCa.of(home);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<LocalCa.ServerCertificate>> asked = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                asked.add(pool.submit(() -> LocalCa.of(home).server()));
            }
            java.util.Set<String> chains = new java.util.HashSet<>();
            for (var f : asked) {
                chains.add(f.get().chainPem());
            }
            assertThat(chains).hasSize(1);
        } finally {
            pool.shutdown();
        }
        // what the files hold is a pair: the key signs what the certificate verifies
        LocalCa.ServerCertificate onDisk = new LocalCa.ServerCertificate(
                Files.readString(dir.resolve("agent/ca/server.crt")), Files.readString(dir.resolve("agent/ca/server.key")));
        assertThat(LocalCa.of(home).server()).isEqualTo(onDisk);
        X509Certificate leaf = certificates(onDisk.chainPem()).get(0);
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getMimeDecoder().decode(onDisk.keyPem()
                        .replaceAll("-----[A-Z ]+-----", ""))));
        java.security.Signature sign = java.security.Signature.getInstance("SHA256withECDSA");
        sign.initSign(key);
        sign.update(new byte[] {1, 2, 3});
        byte[] signature = sign.sign();
        java.security.Signature verify = java.security.Signature.getInstance("SHA256withECDSA");
        verify.initVerify(leaf.getPublicKey());
        verify.update(new byte[] {1, 2, 3});
        assertThat(verify.verify(signature)).isTrue();

        // a key that is not the certificate's (a torn write by an older agent) gets a new pair issued
        Files.writeString(dir.resolve("agent/ca/server.key"), Files.readString(dir.resolve("agent/ca/ca.key")));
        LocalCa.ServerCertificate reissued = LocalCa.of(home).server();
        assertThat(reissued.chainPem()).isNotEqualTo(onDisk.chainPem());
    }
}

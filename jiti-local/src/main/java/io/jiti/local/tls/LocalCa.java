package io.jiti.local.tls;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority of a home: an EC P-256 key (owner-only, {@code agent/ca/ca.key}) and its
 * self-signed certificate ({@code agent/ca/ca.crt}, what {@code jiti ca export} prints and clients trust),
 * made on first use; and the one server certificate it issues for what jiti serves on this machine,
 * valid for {@code 127.0.0.1}, {@code ::1} and {@code localhost} ({@code agent/ca/server.crt} and
 * {@code .key}), issued again when it nears its end or the CA changed. {@link #rotate} replaces both.
 */
public final class LocalCa {
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration SERVER_LIFETIME = Duration.ofDays(365);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CA_CRT = "ca.crt";
    private static final String CA_KEY = "ca.key";
    private final Path dir;
    private final X509Certificate ca;
    private final PrivateKey caKey;

    private LocalCa(Path dir, X509Certificate ca, PrivateKey caKey) {
        this.dir = dir;
        this.ca = ca;
        this.caKey = caKey;
    }

    /** The home's CA, made if it has none. */
    public static synchronized LocalCa of(Home home) {
        Path dir = dir(home);
        try {
            if (Files.exists(dir.resolve(CA_CRT)) && Files.exists(dir.resolve(CA_KEY))) {
                return new LocalCa(dir, certificate(Files.readString(dir.resolve(CA_CRT))),
                        privateKey(Files.readString(dir.resolve(CA_KEY))));
            }
            return create(dir);
        } catch (IOException | GeneralSecurityException e) {
            throw new JitiException("cannot open the certificate authority in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A new CA (and server certificate) in place of the old: clients must trust the new one. */
    public static synchronized LocalCa rotate(Home home) {
        Path dir = dir(home);
        try {
            Files.deleteIfExists(dir.resolve("server.crt"));
            Files.deleteIfExists(dir.resolve("server.key"));
            return create(dir);
        } catch (IOException | GeneralSecurityException e) {
            throw new JitiException("cannot make a new certificate authority in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static LocalCa create(Path dir) throws IOException, GeneralSecurityException {
        KeyPair keys = newKeys();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=jiti local CA " + now.getEpochSecond() + ", O=jiti");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(CA_LIFETIME)), name, keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate cert = sign(b, keys.getPrivate());
        // the key first, then the certificate: a crash between leaves no certificate without its key
        DurableFiles.writeAtomically(dir.resolve(CA_KEY), pem(keys.getPrivate()));
        DurableFiles.writeAtomically(dir.resolve(CA_CRT), pem(cert));
        return new LocalCa(dir, cert, keys.getPrivate());
    }

    /** The CA's certificate (PEM), for clients to trust. */
    public String certificatePem() {
        try {
            return pem(ca);
        } catch (IOException e) {
            throw new JitiException("cannot write the CA certificate: " + e.getMessage(), e);
        }
    }

    /** Where the CA's certificate is, for clients on this machine (PGSSLROOTCERT, AWS_CA_BUNDLE). */
    public Path certificateFile() {
        return dir.resolve(CA_CRT);
    }

    /**
     * Where the home's CA certificate is, the CA made first if the home has none: for outputs, which are
     * asked for at every observe and need the path, not the CA read and parsed again.
     */
    public static Path certificateFile(Home home) {
        Path file = dir(home).resolve(CA_CRT);
        return Files.exists(file) ? file : of(home).certificateFile();
    }

    /** Where a home keeps its CA. */
    private static Path dir(Home home) {
        return home.agentDir().resolve("ca");
    }

    /**
     * The server certificate for loopback, issued now if there is none, it ends soon, another CA made it, or
     * its key is not the certificate's. One at a time in the process (the lock is the class's, as for
     * {@link #of} and {@link #rotate}): runtimes that ask at once would otherwise each issue one, and the
     * files could end with one's key beside another's certificate.
     */
    public ServerCertificate server() {
        synchronized (LocalCa.class) {
            return serverLocked();
        }
    }

    private ServerCertificate serverLocked() {
        Path crt = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        try {
            if (Files.exists(crt) && Files.exists(key)) {
                X509Certificate current = certificate(firstPem(Files.readString(crt)));
                boolean fresh = current.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
                boolean ours = current.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
                String keyPem = Files.readString(key);
                if (fresh && ours && pair(current, privateKey(keyPem))) {
                    current.verify(ca.getPublicKey());
                    return new ServerCertificate(Files.readString(crt), keyPem);
                }
            }
            KeyPair keys = newKeys();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(SERVER_LIFETIME)), new X500Name("CN=localhost, O=jiti"), keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            String chain = pem(sign(b, caKey)) + pem(ca);
            String keyPem = pem(keys.getPrivate());
            DurableFiles.writeAtomically(key, keyPem);
            DurableFiles.writeAtomically(crt, chain);
            return new ServerCertificate(chain, keyPem);
        } catch (IOException | GeneralSecurityException e) {
            throw new JitiException("cannot issue the server certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A server certificate with its chain and key.
     *
     * @param chainPem the server certificate, then the CA's (PEM)
     * @param keyPem   its private key (PKCS#8 PEM); never logged
     */
    public record ServerCertificate(String chainPem, String keyPem) {
        @Override
        public String toString() {
            return "ServerCertificate[(key)]";
        }
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
        try {
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            if (o instanceof PrivateKey k) {
                w.writeObject(new JcaPKCS8Generator(k, null)); // PKCS#8, as openssl writes a key
            } else {
                w.writeObject(o);
            }
        }
        return out.toString();
    }

    private static String firstPem(String pems) {
        int end = pems.indexOf("-----END CERTIFICATE-----");
        return end < 0 ? pems : pems.substring(0, end + "-----END CERTIFICATE-----".length()) + "\n";
    }

    private static X509Certificate certificate(String pem) throws IOException, GeneralSecurityException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) p.readObject());
        }
    }

    /** Whether {@code key} is the private key of {@code certificate}: it signs what the certificate verifies. */
    private static boolean pair(X509Certificate certificate, PrivateKey key) throws GeneralSecurityException {
        byte[] probe = "jiti".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.security.Signature sign = java.security.Signature.getInstance("SHA256withECDSA");
        sign.initSign(key);
        sign.update(probe);
        byte[] signature = sign.sign();
        java.security.Signature verify = java.security.Signature.getInstance("SHA256withECDSA");
        verify.initVerify(certificate.getPublicKey());
        verify.update(probe);
        return verify.verify(signature);
    }

    private static PrivateKey privateKey(String pem) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) p.readObject());
        }
    }
}

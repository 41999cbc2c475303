package io.jiti.spi;

/**
 * A provider capability: the certificate authority of what the provider serves over TLS, whose certificate
 * clients trust ({@code jiti ca export}), and which can be replaced ({@code jiti ca rotate}).
 */
public interface CertificateAuthority {

    /** The CA certificate (PEM), made on first use. */
    String certificatePem();

    /** Replaces the CA and what it issued; what serves TLS uses the new certificate from now on. Returns it (PEM). */
    String rotateCertificateAuthority();
}

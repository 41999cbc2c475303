package io.jiti.proxy;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * HTTPS for a proxy: its certificate chain and key (PEM), TLS 1.3 preferred and 1.2 allowed, ALPN offering
 * {@code http/1.1} (what the proxy speaks). BoringSSL (netty-tcnative, shipped for Linux x86_64) where it
 * loads, the JDK's TLS elsewhere.
 */
public final class Tls {
    private Tls() {
    }

    /** BoringSSL when its native library loads here, else the JDK's TLS. */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * A server context for {@code certificateChainPem} (the server's certificate first) and
     * {@code privateKeyPem} (PKCS#8).
     *
     * @throws IOException when the PEM cannot be read
     */
    public static SslContext server(String certificateChainPem, String privateKeyPem) throws IOException {
        try {
            return SslContextBuilder.forServer(
                            new ByteArrayInputStream(certificateChainPem.getBytes(StandardCharsets.US_ASCII)),
                            new ByteArrayInputStream(privateKeyPem.getBytes(StandardCharsets.US_ASCII)))
                    .sslProvider(provider())
                    .protocols("TLSv1.3", "TLSv1.2")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (IllegalArgumentException | javax.net.ssl.SSLException e) {
            throw new IOException("cannot use the certificate and key: " + e.getMessage(), e);
        }
    }
}

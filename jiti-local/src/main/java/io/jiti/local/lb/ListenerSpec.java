package io.jiti.local.lb;

import io.jiti.proxy.ProxyConfig;
import java.time.Duration;

/**
 * A load balancer to run: what the agent asks the {@link BalancerHost} for.
 *
 * @param id                   a stable id, {@code STACK/NAME}
 * @param port                 the loopback port to listen on; 0 for one the host picks and binds itself
 * @param requestTimeoutMillis how long a request may wait for its response to start
 * @param idleTimeoutMillis    how long an idle client connection stays open
 * @param maxBodyBytes         the largest request body
 * @param certificateChainPem  for HTTPS: the server certificate and its chain (PEM); null for plain HTTP
 * @param privateKeyPem        for HTTPS: its key (PKCS#8 PEM); never logged
 */
public record ListenerSpec(String id, int port, long requestTimeoutMillis, long idleTimeoutMillis, long maxBodyBytes,
                           String certificateChainPem, String privateKeyPem) {

    /** The defaults of a service's balancer on {@code port}, plain HTTP. */
    public static ListenerSpec of(String id, int port) {
        ProxyConfig d = ProxyConfig.defaults(id, port);
        return new ListenerSpec(id, port, d.requestTimeout().toMillis(), d.idleTimeout().toMillis(), d.maxBodyBytes(),
                null, null);
    }

    /** This spec on another port. */
    public ListenerSpec onPort(int value) {
        return new ListenerSpec(id, value, requestTimeoutMillis, idleTimeoutMillis, maxBodyBytes, certificateChainPem,
                privateKeyPem);
    }

    /** This spec with another request timeout, idle timeout and body limit (a bucket's front). */
    public ListenerSpec withLimits(Duration request, Duration idle, long maxBody) {
        return new ListenerSpec(id, port, request.toMillis(), idle.toMillis(), maxBody, certificateChainPem,
                privateKeyPem);
    }

    /** This spec serving HTTPS with {@code certificate}. */
    public ListenerSpec withTls(io.jiti.local.tls.LocalCa.ServerCertificate certificate) {
        return new ListenerSpec(id, port, requestTimeoutMillis, idleTimeoutMillis, maxBodyBytes, certificate.chainPem(),
                certificate.keyPem());
    }

    /** Whether it serves HTTPS. */
    public boolean tls() {
        return certificateChainPem != null && privateKeyPem != null;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ListenerSpec[" + id + ", port " + port + (tls() ? ", https" : "") + "]";
    }

    ProxyConfig config() {
        return ProxyConfig.defaults(id, port).withRequestTimeout(Duration.ofMillis(requestTimeoutMillis))
                .withIdleTimeout(Duration.ofMillis(idleTimeoutMillis)).withMaxBodyBytes(maxBodyBytes);
    }
}

package io.jiti.proxy;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Turns a client's request into the one instances get: hop-by-hop headers out, {@code X-Request-Id} in,
 * and the forwarding headers of a <em>first</em> hop: what the proxy saw itself, nothing a client claimed
 * about earlier hops.
 */
final class FirstHop {
    /** Headers about earlier hops that only a trusted proxy may set; a client's are dropped. */
    static final List<String> FORWARDING = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Server", "X-Forwarded-Ssl",
            "X-Real-IP", "X-Client-IP", "True-Client-IP");

    private FirstHop() {
    }

    /**
     * Rewrites {@code request} in place, once (the same object is written on every attempt), for a client
     * connected on {@code client}.
     */
    static void prepare(HttpRequest request, Channel client, String requestId) {
        HttpHeaders h = request.headers();
        boolean upgrade = h.contains(HttpHeaderNames.UPGRADE);
        h.remove(HttpHeaderNames.CONNECTION);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove("Proxy-Connection");
        h.remove(HttpHeaderNames.EXPECT);
        if (upgrade) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE);
        }
        forwarded(h, client);
        h.set("X-Request-Id", requestId);
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
    }

    /**
     * {@code X-Forwarded-For} is the peer's address, {@code -Proto} the connection's scheme, {@code -Host}
     * its {@code Host}, {@code -Port} the port the client connected to; {@code Forwarded} and the other
     * forwarding headers a client may send are dropped.
     */
    private static void forwarded(HttpHeaders h, Channel ch) {
        for (String spoofable : FORWARDING) {
            h.remove(spoofable);
        }
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        h.set("X-Forwarded-For", remote == null ? "unknown" : remote.getAddress().getHostAddress());
        h.set("X-Forwarded-Proto", ch.pipeline().get(SslHandler.class) != null ? "https" : "http");
        if (h.contains(HttpHeaderNames.HOST)) {
            h.set("X-Forwarded-Host", h.get(HttpHeaderNames.HOST));
        }
        if (ch.localAddress() instanceof InetSocketAddress local) {
            h.set("X-Forwarded-Port", Integer.toString(local.getPort()));
        }
    }
}

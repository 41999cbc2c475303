package io.jiti.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/** Opens connections to instances on a given event loop, so an exchange and its backend share a thread. */
final class BackendConnector {
    /**
     * How instances' responses are parsed. Their header names are not validated again: instances are the
     * service's own processes, the client side of the proxy validates what the outside sends, and the
     * check costs a pass over every header of every response.
     */
    private static final HttpDecoderConfig RESPONSES = new HttpDecoderConfig()
            .setMaxInitialLineLength(4096).setMaxHeaderSize(16384).setMaxChunkSize(65536)
            .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false));
    private final ProxyConfig config;

    BackendConnector(ProxyConfig config) {
        this.config = config;
    }

    ChannelFuture connect(Upstream u, EventLoop loop) {
        return new Bootstrap()
                .group(loop)
                .channel(Transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("codec", new HttpClientCodec(RESPONSES, false, false));
                        ch.pipeline().addLast("idle", new IdleStateHandler(
                                config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast("backend", new BackendHandler(u));
                    }
                })
                .connect(InetAddress.getLoopbackAddress(), u.backend.port());
    }
}

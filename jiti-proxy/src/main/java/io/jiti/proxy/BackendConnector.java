package io.jiti.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/** Opens connections to instances on a given event loop, so an exchange and its backend share a thread. */
final class BackendConnector {
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
                        ch.pipeline().addLast("codec", new HttpClientCodec(4096, 16384, 65536));
                        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0,
                                config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast("backend", new BackendHandler(u));
                    }
                })
                .connect(InetAddress.getLoopbackAddress(), u.backend.port());
    }
}

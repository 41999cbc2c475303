package io.jiti.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One service's load balancer on a loopback port. Thread-safe. */
public final class HttpProxy implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel server;
    private final Balancer balancer;
    private final ProxyMetrics metrics;
    /** The TLS context new connections get, or null for plain HTTP; replaceable (a rotated certificate). */
    private final java.util.concurrent.atomic.AtomicReference<io.netty.handler.ssl.SslContext> tls;

    /** Listens on {@code 127.0.0.1:config.port()}; throws when the port cannot be bound. */
    public static HttpProxy start(ProxyConfig config) throws IOException {
        return start(config, null);
    }

    /**
     * Listens on {@code 127.0.0.1:config.port()}, serving HTTPS with {@code tls} ({@link Tls}) or plain HTTP
     * when it is null; throws when the port cannot be bound.
     */
    public static HttpProxy start(ProxyConfig config, io.netty.handler.ssl.SslContext tls) throws IOException {
        var context = new java.util.concurrent.atomic.AtomicReference<>(tls);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.ioThreads(),
                new DefaultThreadFactory("lb-" + config.name(), true), Transport.ioHandlers());
        Balancer balancer = new Balancer(config);
        try {
            ProxyMetrics m = new ProxyMetrics();
            ProxyContext px = new ProxyContext(config, balancer, new BackendConnector(config), m);
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(Transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.AUTO_READ, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            io.netty.handler.ssl.SslContext ssl = context.get();
                            if (ssl != null) {
                                ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast("codec", new HttpServerCodec(8192, 16384, 65536));
                            ch.pipeline().addLast("idle", new IdleStateHandler(
                                    config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
                            ch.pipeline().addLast("frontend", new FrontendHandler(px));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()))
                    .sync().channel();
            return new HttpProxy(group, server, balancer, m, context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IOException("interrupted while binding port " + config.port(), e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IOException("cannot listen on 127.0.0.1:" + config.port() + ": " + e.getMessage(), e);
        }
    }

    private HttpProxy(EventLoopGroup group, Channel server, Balancer balancer, ProxyMetrics metrics,
            java.util.concurrent.atomic.AtomicReference<io.netty.handler.ssl.SslContext> tls) {
        this.tls = tls;
        this.group = group;
        this.server = server;
        this.balancer = balancer;
        this.metrics = metrics;
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The instances in rotation; ones that leave it finish the requests they have. */
    public void backends(List<Backend> backends) {
        balancer.update(backends);
    }

    /** Serves new connections with {@code context} (a renewed certificate); open connections keep theirs. */
    public void tls(io.netty.handler.ssl.SslContext context) {
        tls.set(context);
    }

    /** Whether it serves HTTPS. */
    public boolean secure() {
        return tls.get() != null;
    }

    /** Requests in flight on one instance, for draining before it stops. */
    public int outstanding(String backendId) {
        return balancer.outstanding(backendId);
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}

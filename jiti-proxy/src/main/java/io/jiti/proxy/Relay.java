package io.jiti.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * After a {@code 101 Switching Protocols}: bytes both ways, as they come, until either side closes. HTTP
 * objects a decoder still emits while the pipeline is switched (the 101's empty last content) carry no
 * bytes of the new protocol and are dropped.
 */
final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel peer;
    private final Runnable onClose;

    Relay(Channel peer, Runnable onClose) {
        this.peer = peer;
        this.onClose = onClose;
    }

    /**
     * Turns a client connection and its backend connection, both HTTP so far, into a relay of bytes;
     * {@code backendClosed} runs when the backend side closes.
     */
    static void splice(Channel client, Channel backend, Runnable backendClosed) {
        ChannelPipeline fp = client.pipeline();
        fp.addLast("relay", new Relay(backend, () -> { }));
        fp.remove("idle");
        fp.remove("frontend");
        fp.remove("codec");
        ChannelPipeline bp = backend.pipeline();
        bp.addLast("relay", new Relay(client, backendClosed));
        bp.remove("idle");
        bp.remove("backend");
        bp.remove("codec");
        client.config().setAutoRead(true);
        backend.config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = null;
        if (msg instanceof ByteBuf b) {
            bytes = b;
        } else if (msg instanceof HttpContent c && c.content().isReadable()) {
            bytes = c.content().retain();
            c.release();
        } else {
            ReferenceCountUtil.release(msg);
        }
        if (bytes != null) {
            peer.writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        onClose.run();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

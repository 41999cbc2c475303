package io.jiti.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/** The handler of a connection to an instance: hands what the instance sends to the exchange it serves. */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private final Upstream upstream;
    /** The exchange this connection serves now; null while the connection is idle in the pool. */
    Exchange exchange;

    BackendHandler(Upstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange ex = exchange;
        if (ex == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse r) {
            ex.onResponse(r);
        }
        if (msg instanceof HttpContent c) {
            ex.onResponseContent(c);
        } else if (msg instanceof io.netty.buffer.ByteBuf raw) {
            ex.onRaw(raw);
        } else if (!(msg instanceof HttpResponse)) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange ex = exchange;
        exchange = null;
        upstream.forget(ctx.channel());
        if (ex != null) {
            ex.onBackendClosed(ctx.channel());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange ex = exchange;
        if (ex != null) {
            ex.backendWritable(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && exchange == null) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

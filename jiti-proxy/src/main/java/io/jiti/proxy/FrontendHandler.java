package io.jiti.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * A client connection: one exchange at a time; requests a client pipelines behind it wait in order, and
 * the connection stops reading only when too many of them wait.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    /** Pipelined messages held before the connection stops reading until they are answered. */
    private static final int MAX_WAITING = 64;
    private final ProxyContext px;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private Exchange current;
    private boolean closing;
    private ChannelHandlerContext ctxRef;
    private Deadlines deadlines;

    FrontendHandler(ProxyContext px) {
        this.px = px;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (current != null && current.bodyComplete()) {
            waiting.add(msg);
            if (waiting.size() > MAX_WAITING) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        if (msg instanceof HttpRequest req) {
            begin(ctx, req);
        }
        if (msg instanceof HttpContent c) {
            if (current == null) {
                c.release();
                return;
            }
            current.onRequestContent(c);
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest req) {
        px.metrics().requests.increment();
        String id = req.headers().get("X-Request-Id");
        if (id == null || id.isBlank() || id.length() > 200) {
            id = RequestIds.next();
        }
        if (!req.decoderResult().isSuccess()) {
            reject(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request", id);
            return;
        }
        if (HttpUtil.getContentLength(req, -1L) > px.config().maxBodyBytes()) {
            reject(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "request body larger than " + px.config().maxBodyBytes() + " bytes", id);
            return;
        }
        if (HttpUtil.is100ContinueExpected(req)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        current = new Exchange(this, ctx, req, id, px, deadlines);
        current.start();
    }

    private void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String message, String id) {
        closing = true;
        px.metrics().proxyErrors.increment();
        ctx.writeAndFlush(Responses.error(status, message, id)).addListener(ChannelFutureListener.CLOSE);
    }

    /** The current exchange is over; go on with the next request, or close. */
    void exchangeEnded(Exchange ex, boolean close) {
        if (ex != current) {
            return;
        }
        current = null;
        ChannelHandlerContext ctx = ctxRef;
        if (close || !ex.bodyComplete()) {
            closing = true;
            waiting.forEach(ReferenceCountUtil::release);
            waiting.clear();
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        while (!waiting.isEmpty() && (current == null || !current.bodyComplete())) {
            channelRead(ctx, waiting.poll());
        }
        if (waiting.size() <= MAX_WAITING && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctxRef = ctx;
        deadlines = px.deadlinesOf(ctx.channel().eventLoop());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientWritable(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onClientClosed();
            current = null;
        }
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && current == null) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

}

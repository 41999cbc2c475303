package io.jiti.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One request on its way through the proxy, confined to the client connection's event loop (backend
 * connections are made on the same loop). Retries on another backend when the request provably did not
 * reach the first (connect failure, failed write), or when it is idempotent and its body is still held
 * for replay; never once a response byte went to the client.
 */
final class Exchange {
    /** Bodies up to this size are kept so that a failed idempotent request can be sent again. */
    static final int REPLAY_LIMIT = 64 * 1024;
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);

    private final FrontendHandler frontend;
    private final ChannelHandlerContext client;
    private final HttpRequest request;
    private final String requestId;
    private final boolean clientKeepAlive;
    private final ProxyContext px;
    private final long startNanos;
    private final long deadlineNanos;
    private final Deadlines deadlines;
    private final Deadlines.Entry timeout;
    /** Instances already tried, beyond the first (most requests need no set). */
    private Set<Upstream> tried;
    private Upstream firstTried;
    private final ReplayBuffer replay = new ReplayBuffer();
    private List<HttpContent> unsent;
    private long bodyBytes;
    private boolean bodyComplete;
    private Upstream upstream;
    private Channel backend;
    private boolean counted;
    private boolean writeFailed;
    private boolean responseStarted;
    private boolean backendKeepAlive;
    private boolean upgraded;
    private boolean done;
    private int attempts;
    private boolean attachedOnce;
    private boolean metricsDone;

    Exchange(FrontendHandler frontend, ChannelHandlerContext client, HttpRequest request, String requestId,
             ProxyContext px, Deadlines deadlines) {
        this.frontend = frontend;
        this.client = client;
        this.request = request;
        this.requestId = requestId;
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
        this.px = px;
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + px.config().requestTimeout().toNanos();
        this.deadlines = deadlines;
        this.timeout = new Deadlines.Entry(() -> fail(HttpResponseStatus.GATEWAY_TIMEOUT,
                "no response from the service within " + px.config().requestTimeout().toMillis() + " ms"));
    }

    void start() {
        FirstHop.prepare(request, client.channel(), requestId);
        px.metrics().inFlight.incrementAndGet();
        deadlines.add(timeout, startNanos);
        dispatch();
    }

    boolean bodyComplete() {
        return bodyComplete;
    }

    // ---- request side -------------------------------------------------------------------------------

    void onRequestContent(HttpContent c) {
        if (done) {
            c.release();
            if (c instanceof LastHttpContent) {
                bodyComplete = true;
            }
            return;
        }
        bodyBytes += c.content().readableBytes();
        if (bodyBytes > px.config().maxBodyBytes()) {
            c.release();
            fail(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body larger than "
                    + px.config().maxBodyBytes() + " bytes");
            return;
        }
        if (c instanceof LastHttpContent) {
            bodyComplete = true;
        }
        replay.keep(c, bodyBytes);
        if (backend != null) {
            backend.writeAndFlush(c).addListener(this::onWrite);
            if (!backend.isWritable() && !bodyComplete) {
                client.channel().config().setAutoRead(false);
            }
        } else {
            if (unsent == null) {
                unsent = new ArrayList<>(2);
            }
            unsent.add(c);
        }
    }

    void backendWritable(boolean writable) {
        if (writable && !done && !bodyComplete) {
            client.channel().config().setAutoRead(true);
        }
    }

    private void dispatch() {
        if (done) {
            return;
        }
        Upstream u = firstTried == null ? px.balancer().choose(Set.of()) : px.balancer().choose(tried());
        if (u == null) {
            fail(HttpResponseStatus.SERVICE_UNAVAILABLE, "no healthy instance");
            return;
        }
        if (firstTried == null) {
            firstTried = u;
        } else {
            tried().add(u);
        }
        attempts++;
        Channel idle = u.takeIdle(client.channel().eventLoop());
        if (idle != null) {
            attach(u, idle);
            return;
        }
        px.connector().connect(u, client.channel().eventLoop()).addListener((ChannelFutureListener) f -> {
            if (done) {
                if (f.isSuccess()) {
                    u.giveBack(f.channel());
                }
                return;
            }
            if (f.isSuccess()) {
                attach(u, f.channel());
            } else {
                px.balancer().failed(u);
                retryOrFail(true, "cannot connect to instance " + u.backend.id());
            }
        });
    }

    private Set<Upstream> tried() {
        if (tried == null) {
            tried = new HashSet<>();
            tried.add(firstTried);
        }
        return tried;
    }

    private void attach(Upstream u, Channel ch) {
        upstream = u;
        backend = ch;
        writeFailed = false;
        counted = true;
        attachedOnce = true;
        u.outstanding.incrementAndGet();
        ch.pipeline().get(BackendHandler.class).exchange = this;
        // Writes fail in order: a listener on the last one hears about any of them.
        io.netty.channel.ChannelFuture last = ch.write(request);
        if (unsent != null) {
            for (HttpContent c : unsent) {
                last = ch.write(c);
            }
            unsent.clear();
        }
        ch.flush();
        last.addListener(this::onWrite);
    }

    private void onWrite(io.netty.util.concurrent.Future<? super Void> f) {
        if (!f.isSuccess() && !done && !responseStarted) {
            writeFailed = true;
            if (backend != null) {
                backend.close();
            }
        }
    }

    private void retryOrFail(boolean neverReached, String why) {
        boolean allowed = neverReached || (replay.replayable() && IDEMPOTENT.contains(request.method()));
        if (!allowed || attempts > px.config().maxRetries() || System.nanoTime() > deadlineNanos
                || (sentAnything() && !replay.replayable())) {
            fail(HttpResponseStatus.BAD_GATEWAY, why);
            return;
        }
        if (sentAnything()) {
            if (unsent == null) {
                unsent = new ArrayList<>(2);
            }
            replay.replayInto(unsent);
        }
        px.metrics().retries.increment();
        dispatch();
    }

    /** Whether the request (and so its body so far) already went to a backend and was consumed. */
    private boolean sentAnything() {
        return attachedOnce;
    }

    // ---- response side ------------------------------------------------------------------------------

    void onResponse(HttpResponse r) {
        if (done) {
            return;
        }
        responseStarted = true;
        cancelTimeout();
        int code = r.status().code();
        if (code >= 500) {
            px.balancer().failed(upstream);
            px.metrics().serverErrors.increment();
        } else {
            px.balancer().succeeded(upstream);
        }
        HttpResponse out = Responses.head(r, requestId);
        if (code == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            upgraded = true;
            client.writeAndFlush(out).addListener((ChannelFutureListener) f -> switchToRelay(f.isSuccess()));
            return;
        }
        backendKeepAlive = HttpUtil.isKeepAlive(r);
        Responses.framed(out, request.method().equals(HttpMethod.HEAD), clientKeepAlive);
        client.write(out);
    }

    void onResponseContent(HttpContent c) {
        if (done || upgraded) {
            if (upgraded && c.content().isReadable()) {
                client.writeAndFlush(c.content().retain());
            }
            c.release();
            return;
        }
        boolean last = c instanceof LastHttpContent;
        client.writeAndFlush(c);
        if (!client.channel().isWritable() && backend != null) {
            backend.config().setAutoRead(false);
        }
        if (last) {
            complete();
        }
    }

    /** Raw bytes a backend sent after switching protocols, before the relay took over. */
    void onRaw(ByteBuf b) {
        client.writeAndFlush(b);
    }

    void clientWritable(boolean writable) {
        if (writable && backend != null) {
            backend.config().setAutoRead(true);
        }
    }

    void onBackendClosed(Channel ch) {
        if (ch != backend || done || upgraded) {
            return;
        }
        release();
        if (responseStarted) {
            done = true;
            finishMetrics();
            client.close();
            frontend.exchangeEnded(this, true);
            return;
        }
        px.balancer().failed(upstream);
        retryOrFail(writeFailed, "instance " + upstream.backend.id() + " closed the connection before answering");
    }

    /** The client went away. */
    void onClientClosed() {
        if (done) {
            return;
        }
        done = true;
        cancelTimeout();
        finishMetrics();
        if (backend != null) {
            Channel b = backend;
            release();
            b.close();
        }
        freeBuffers();
    }

    private void complete() {
        done = true;
        cancelTimeout();
        finishMetrics();
        Channel b = backend;
        Upstream u = upstream;
        release();
        if (backendKeepAlive && bodyComplete && b.isActive()) {
            b.config().setAutoRead(true);
            u.giveBack(b);
        } else {
            b.close();
        }
        freeBuffers();
        frontend.exchangeEnded(this, !clientKeepAlive);
    }

    private void fail(HttpResponseStatus status, String message) {
        if (done) {
            return;
        }
        done = true;
        cancelTimeout();
        finishMetrics();
        px.metrics().proxyErrors.increment();
        if (backend != null) {
            Channel b = backend;
            release();
            b.close();
        }
        freeBuffers();
        if (responseStarted) {
            client.close();
        } else {
            client.writeAndFlush(Responses.error(status, message, requestId)).addListener(ChannelFutureListener.CLOSE);
        }
        frontend.exchangeEnded(this, true);
    }

    private void switchToRelay(boolean ok) {
        Channel b = backend;
        if (!ok || b == null || !b.isActive()) {
            client.close();
            if (b != null) {
                b.close();
            }
            return;
        }
        Upstream u = upstream;
        counted = false;
        cancelTimeout();
        freeBuffers();
        Relay.splice(client.channel(), b, () -> u.outstanding.updateAndGet(n -> Math.max(0, n - 1)));
        done = true;
        finishMetrics();
    }

    private void release() {
        if (counted && upstream != null) {
            upstream.outstanding.decrementAndGet();
        }
        counted = false;
        if (backend != null) {
            BackendHandler h = backend.pipeline().get(BackendHandler.class);
            if (h != null) {
                h.exchange = null;
            }
        }
        backend = null;
    }

    private void freeBuffers() {
        replay.free();
        if (unsent != null) {
            unsent.forEach(ReferenceCountUtil::release);
            unsent.clear();
        }
    }

    private void cancelTimeout() {
        deadlines.remove(timeout);
    }

    private void finishMetrics() {
        if (!metricsDone) {
            metricsDone = true;
            px.metrics().ended(startNanos);
        }
    }
}

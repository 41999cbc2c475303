package io.jiti.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
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
    /** Headers about earlier hops that only a trusted proxy may set; a client's are dropped. */
    private static final List<String> FORWARDING = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Server", "X-Forwarded-Ssl",
            "X-Real-IP", "X-Client-IP", "True-Client-IP");
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
    private List<HttpContent> replay;
    private List<HttpContent> unsent;
    private boolean replayEndsPlain;
    private boolean replayable = true;
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
        prepareRequest();
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
        // An empty end of body (every body-less request has one) is remembered as a flag, not a copy.
        boolean plainEnd = c == LastHttpContent.EMPTY_LAST_CONTENT;
        replayEndsPlain |= plainEnd;
        if (replayable && !plainEnd) {
            if (bodyBytes > REPLAY_LIMIT) {
                replayable = false;
                freeReplay();
            } else {
                if (replay == null) {
                    replay = new ArrayList<>(2);
                }
                replay.add(c.retainedDuplicate());
            }
        }
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

    /**
     * Turns the client's request into the one instances get, once: hop-by-hop headers out,
     * {@code X-Forwarded-*} and {@code X-Request-Id} in. The same object is written on every attempt.
     */
    private void prepareRequest() {
        HttpHeaders h = request.headers();
        boolean upgrade = h.contains(HttpHeaderNames.UPGRADE);
        h.remove(HttpHeaderNames.CONNECTION);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove("Proxy-Connection");
        h.remove(HttpHeaderNames.EXPECT);
        if (upgrade) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE);
        }
        forwardedAsFirstHop(h);
        h.set("X-Request-Id", requestId);
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
    }

    /**
     * As the first hop, the proxy states what it saw itself and passes on nothing a client claimed about
     * earlier hops: {@code X-Forwarded-For} is the peer's address, {@code -Proto} the connection's scheme,
     * {@code -Host} its {@code Host}, {@code -Port} the port the client connected to; {@code Forwarded}
     * and the other forwarding headers a client may send are dropped.
     */
    private void forwardedAsFirstHop(HttpHeaders h) {
        for (String spoofable : FORWARDING) {
            h.remove(spoofable);
        }
        Channel ch = client.channel();
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        h.set("X-Forwarded-For", remote == null ? "unknown" : remote.getAddress().getHostAddress());
        h.set("X-Forwarded-Proto", ch.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null ? "https" : "http");
        if (h.contains(HttpHeaderNames.HOST)) {
            h.set("X-Forwarded-Host", h.get(HttpHeaderNames.HOST));
        }
        if (ch.localAddress() instanceof InetSocketAddress local) {
            h.set("X-Forwarded-Port", Integer.toString(local.getPort()));
        }
    }

    private void retryOrFail(boolean neverReached, String why) {
        boolean allowed = neverReached || (replayable && IDEMPOTENT.contains(request.method()));
        if (!allowed || attempts > px.config().maxRetries() || System.nanoTime() > deadlineNanos
                || (sentAnything() && !replayable)) {
            fail(HttpResponseStatus.BAD_GATEWAY, why);
            return;
        }
        if (sentAnything()) {
            if (unsent == null) {
                unsent = new ArrayList<>(2);
            }
            if (replay != null) {
                for (HttpContent c : replay) {
                    unsent.add(c.retainedDuplicate());
                }
            }
            if (replayEndsPlain) {
                unsent.add(LastHttpContent.EMPTY_LAST_CONTENT);
            }
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
        // The head alone goes out here; a body that came in the same object follows in onResponseContent.
        HttpResponse out = r instanceof io.netty.handler.codec.http.FullHttpResponse
                ? new io.netty.handler.codec.http.DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status(), r.headers())
                : r;
        out.setProtocolVersion(HttpVersion.HTTP_1_1);
        out.headers().set("X-Request-Id", requestId);
        if (code == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            upgraded = true;
            client.writeAndFlush(out).addListener((ChannelFutureListener) f -> switchToRelay(f.isSuccess()));
            return;
        }
        backendKeepAlive = HttpUtil.isKeepAlive(r);
        out.headers().remove(HttpHeaderNames.KEEP_ALIVE);
        out.headers().remove("Proxy-Connection");
        boolean bodyless = request.method().equals(HttpMethod.HEAD) || code == 204 || code == 304 || code < 200;
        if (!bodyless && !HttpUtil.isContentLengthSet(out) && !HttpUtil.isTransferEncodingChunked(out)) {
            HttpUtil.setTransferEncodingChunked(out, true);
        }
        HttpUtil.setKeepAlive(out, clientKeepAlive);
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
        Runnable closed = () -> u.outstanding.updateAndGet(n -> Math.max(0, n - 1));
        ChannelPipeline fp = client.pipeline();
        fp.addLast("relay", new Relay(b, () -> { }));
        fp.remove("idle");
        fp.remove("frontend");
        fp.remove("codec");
        ChannelPipeline bp = b.pipeline();
        bp.addLast("relay", new Relay(client.channel(), closed));
        bp.remove("idle");
        bp.remove("backend");
        bp.remove("codec");
        done = true;
        finishMetrics();
        client.channel().config().setAutoRead(true);
        b.config().setAutoRead(true);
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
        freeReplay();
        if (unsent != null) {
            unsent.forEach(ReferenceCountUtil::release);
            unsent.clear();
        }
    }

    private void freeReplay() {
        if (replay != null) {
            replay.forEach(ReferenceCountUtil::release);
            replay.clear();
        }
    }

    private void cancelTimeout() {
        deadlines.remove(timeout);
    }

    private void finishMetrics() {
        if (!metricsDone) {
            metricsDone = true;
            px.metrics().inFlight.decrementAndGet();
            px.metrics().responses.increment();
            long took = System.nanoTime() - startNanos;
            px.metrics().latency.record(took);
            px.metrics().latencyNanos.add(took);
        }
    }
}

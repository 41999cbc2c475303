package io.jiti.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The responses the proxy makes itself, and the heads of the ones it passes on. */
final class Responses {
    private Responses() {
    }

    /**
     * The head of a backend's response as the client gets it: HTTP/1.1 with the request's id. A response
     * that came whole loses its body here; the body follows as content.
     */
    static HttpResponse head(HttpResponse r, String requestId) {
        HttpResponse out = r instanceof FullHttpResponse
                ? new DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status(), r.headers())
                : r;
        out.setProtocolVersion(HttpVersion.HTTP_1_1);
        out.headers().set("X-Request-Id", requestId);
        return out;
    }

    /**
     * Sets how {@code out}'s body is delimited on the client's connection (chunked when the backend gave no
     * length) and whether that connection stays open; drops the backend's hop-by-hop headers.
     */
    static void framed(HttpResponse out, boolean headRequest, boolean clientKeepAlive) {
        int code = out.status().code();
        out.headers().remove(HttpHeaderNames.KEEP_ALIVE);
        out.headers().remove("Proxy-Connection");
        boolean bodyless = headRequest || code == 204 || code == 304 || code < 200;
        if (!bodyless && !HttpUtil.isContentLengthSet(out) && !HttpUtil.isTransferEncodingChunked(out)) {
            HttpUtil.setTransferEncodingChunked(out, true);
        }
        HttpUtil.setKeepAlive(out, clientKeepAlive);
    }

    static FullHttpResponse error(HttpResponseStatus status, String message, String requestId) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (requestId != null) {
            r.headers().set("X-Request-Id", requestId);
        }
        return r;
    }
}

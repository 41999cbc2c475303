package io.jiti.proxy;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * The request body kept so that a failed idempotent request can go to another instance: up to
 * {@link Exchange#REPLAY_LIMIT} bytes, after which nothing is kept and the request cannot be replayed.
 * Confined to the client connection's event loop.
 */
final class ReplayBuffer {
    private List<HttpContent> kept;
    private boolean endsPlain;
    private boolean replayable = true;

    /** Keeps a copy of {@code c}, the body having reached {@code bodyBytes} with it. */
    void keep(HttpContent c, long bodyBytes) {
        // An empty end of body (every body-less request has one) is remembered as a flag, not a copy.
        boolean plainEnd = c == LastHttpContent.EMPTY_LAST_CONTENT;
        endsPlain |= plainEnd;
        if (!replayable || plainEnd) {
            return;
        }
        if (bodyBytes > Exchange.REPLAY_LIMIT) {
            replayable = false;
            free();
        } else {
            if (kept == null) {
                kept = new ArrayList<>(2);
            }
            kept.add(c.retainedDuplicate());
        }
    }

    /** Whether all of the body so far is kept. */
    boolean replayable() {
        return replayable;
    }

    /** Adds the body so far to {@code out}, as new references. */
    void replayInto(List<HttpContent> out) {
        if (kept != null) {
            for (HttpContent c : kept) {
                out.add(c.retainedDuplicate());
            }
        }
        if (endsPlain) {
            out.add(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }

    /** Releases what it keeps. */
    void free() {
        if (kept != null) {
            kept.forEach(ReferenceCountUtil::release);
            kept.clear();
        }
    }
}

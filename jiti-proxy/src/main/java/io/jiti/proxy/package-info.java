/**
 * An HTTP/1.1 reverse proxy for one service: keep-alive on both sides, least-outstanding-requests
 * balancing, {@code X-Forwarded-*} and {@code X-Request-Id}, streamed bodies, WebSocket (any
 * {@code Upgrade}) pass-through, request and idle timeouts, a body size limit, retries on another
 * instance when a request provably did not reach its backend (or is idempotent and replayable), and
 * passive ejection that never takes out more than half of the instances. Start one with
 * {@link io.jiti.proxy.HttpProxy#start}.
 */
package io.jiti.proxy;

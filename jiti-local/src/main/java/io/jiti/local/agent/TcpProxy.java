package io.jiti.local.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service's stable address: accepts connections on one loopback port and relays each, round-robin, to a
 * healthy instance. A backend that refuses the connection is skipped for the next one, so a dead instance
 * costs no request; with no backend left the client gets {@code 503}.
 */
final class TcpProxy implements AutoCloseable {
    private static final byte[] UNAVAILABLE = ("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 20\r\n"
            + "Connection: close\r\n\r\nno healthy instance\n").getBytes(StandardCharsets.US_ASCII);
    private final ServerSocket server;
    private final ExecutorService pool;
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<Integer> backends = List.of();

    TcpProxy(int port, String name) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lb-" + name);
            t.setDaemon(true);
            return t;
        });
        pool.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The instance ports to relay to. */
    void backends(List<Integer> ports) {
        backends = List.copyOf(ports);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                pool.execute(() -> relay(client));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream = connect();
        if (upstream == null) {
            try (client) {
                client.getOutputStream().write(UNAVAILABLE);
            } catch (IOException e) {
                // the client went away first
            }
            return;
        }
        AtomicInteger directions = new AtomicInteger(2);
        Runnable finished = () -> {
            if (directions.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        };
        pool.execute(() -> {
            pump(upstream, client);
            finished.run();
        });
        pump(client, upstream);
        finished.run();
    }

    private Socket connect() {
        List<Integer> ports = backends;
        int n = ports.size();
        int start = Math.floorMod(next.getAndIncrement(), Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            int port = ports.get((start + i) % n);
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return s;
            } catch (IOException e) {
                closeQuietly(s);
            }
        }
        return null;
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int r;
            while ((r = in.read(buf)) >= 0) {
                out.write(buf, 0, r);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing twice, or a socket already reset
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a server socket only fails if it is already closed
        }
        pool.shutdownNow();
    }
}

package io.jiti.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Real HTTP servers on loopback for the proxy's tests; all closed with this object. */
final class Backends implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    final Map<String, Map<String, String>> lastHeaders = new ConcurrentHashMap<>();
    final CountDownLatch release = new CountDownLatch(1);

    /** A server answering {@code id} on every path; {@code /echo} echoes the body, {@code /hang} waits, {@code /fail} is 500. */
    Backend http(String id) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        s.setExecutor(pool);
        s.createContext("/", ex -> {
            Map<String, String> h = new ConcurrentHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), String.join(",", v)));
            lastHeaders.put(id, h);
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            if (path.equals("/echo")) {
                reply(ex, 200, body);
            } else if (path.equals("/hang")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(ex, 200, id.getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/fail")) {
                reply(ex, 500, ("failed " + id).getBytes(StandardCharsets.UTF_8));
            } else {
                reply(ex, 200, id.getBytes(StandardCharsets.UTF_8));
            }
        });
        s.start();
        open.add(() -> s.stop(0));
        return new Backend(id, s.getAddress().getPort());
    }

    /** A port nothing listens on. */
    static Backend dead(String id) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Backend(id, s.getLocalPort());
        }
    }

    /** Accepts connections, reads the request head, and closes without answering. */
    Backend rude(String id) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(s);
        pool.execute(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    InputStream in = c.getInputStream();
                    in.read(new byte[4096]);
                } catch (IOException e) {
                    return;
                }
            }
        });
        return new Backend(id, s.getLocalPort());
    }

    /** Answers an upgrade with 101, then echoes every byte. */
    Backend upgrading(String id) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(s);
        pool.execute(() -> {
            while (!s.isClosed()) {
                try {
                    Socket c = s.accept();
                    pool.execute(() -> echoAfterUpgrade(c));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return new Backend(id, s.getLocalPort());
    }

    private static void echoAfterUpgrade(Socket c) {
        try (c) {
            InputStream in = c.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            OutputStream out = c.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[1024];
            int r;
            while ((r = in.read(buf)) >= 0) {
                out.write(buf, 0, r);
                out.flush();
            }
        } catch (IOException e) {
            // the test closed its end
        }
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() throws Exception {
        release.countDown();
        for (AutoCloseable c : open) {
            c.close();
        }
        pool.shutdownNow();
    }
}

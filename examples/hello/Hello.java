import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hello example's web app: answers on $PORT with the greeting file's text, and on /health with ok.
 * Needs nothing but a JDK.
 */
public final class Hello {
    public static void main(String[] args) throws IOException {
        // Without it the JDK server's separate header and body writes wait for delayed ACKs (~40 ms each).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String instance = System.getenv().getOrDefault("JITI_INSTANCE", "local");
        Path greetingFile = Path.of(System.getenv().getOrDefault("GREETING_FILE", "greeting.txt"));
        AtomicLong served = new AtomicLong();
        // loopback unless told otherwise: a container image binds every interface of its pod (see Dockerfile)
        String bind = System.getenv("BIND_ADDRESS");
        InetAddress address = bind == null || bind.isBlank() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(bind);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 128);
        server.createContext("/health", ex -> reply(ex, 200, "ok\n"));
        // /slow?ms=N answers after N milliseconds: a stand-in for real work, for load tests.
        server.createContext("/slow", ex -> {
            String q = ex.getRequestURI().getQuery();
            long ms = q != null && q.startsWith("ms=") ? Long.parseLong(q.substring(3)) : 500;
            try {
                Thread.sleep(Math.min(ms, 60_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "slept " + ms + " ms (instance " + instance + ")\n");
        });
        server.createContext("/", ex -> {
            String greeting = Files.exists(greetingFile) ? Files.readString(greetingFile).trim() : "Hello";
            reply(ex, 200, greeting + " (instance " + instance + ", request " + served.incrementAndGet() + ")\n");
        });
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.start();
        System.out.println("listening on 127.0.0.1:" + port);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The platform example's API: answers / on $PORT with what its environment gave it (the database's name and
 * the queue's URL, never credentials), /health with ok, anything else with 404. Run with {@code java Api.java}.
 */
public final class Api {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String db = URI.create(System.getenv().getOrDefault("DATABASE_URL", "jdbc:none:///none").substring(5)).getPath();
        String queue = System.getenv().getOrDefault("QUEUE_URL", "none");
        String level = System.getenv().getOrDefault("LOG_LEVEL", "default");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/health", ex -> reply(ex, 200, "ok\n"));
        server.createContext("/", ex -> {
            if (ex.getRequestURI().getPath().equals("/")) {
                reply(ex, 200, "web-api: database " + db.substring(1) + ", queue " + queue + ", log level " + level + "\n");
            } else {
                reply(ex, 404, "no such page\n");
            }
        });
        server.start();
        System.out.println("web-api listening on 127.0.0.1:" + port);
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

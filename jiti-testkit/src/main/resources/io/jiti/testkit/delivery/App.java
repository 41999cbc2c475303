import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Delivery's test app: answers / with its version (version.txt) and its GREETING; crashes when crash.txt exists. */
public final class App {
    public static void main(String[] args) throws Exception {
        String version = Files.exists(Path.of("version.txt")) ? Files.readString(Path.of("version.txt")).strip() : "0";
        String greeting = System.getenv().getOrDefault("GREETING", "(none)");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"))), 64);
        server.createContext("/", ex -> {
            byte[] body = ("version " + version + ", greeting " + greeting + "\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        if (Files.exists(Path.of("crash.txt"))) {
            Thread.sleep(1500);
            Runtime.getRuntime().halt(3);
        }
    }
}

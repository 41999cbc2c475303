package io.jiti.examples.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A web app built by jiti from its pom.xml and started with java -jar; binds $PORT. */
public final class App {
    private App() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        // loopback unless told otherwise: in a container image, BIND_ADDRESS=0.0.0.0 serves the pod's network
        String bind = System.getenv("BIND_ADDRESS");
        InetAddress address = bind == null || bind.isBlank() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(bind);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 128);
        server.createContext("/health", ex -> reply(ex, "ok\n"));
        server.createContext("/", ex -> reply(ex, "built by jiti from pom.xml\n"));
        server.start();
        System.out.println("maven-app listening on 127.0.0.1:" + port);
    }

    private static void reply(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}

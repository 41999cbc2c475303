package io.jiti.examples.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A small shop written for PostgreSQL and AWS, with nothing of jiti in it: orders in PostgreSQL
 * ({@code JDBC_DATABASE_URL}), the uploaded file of each order in S3, a message per order in SQS; the
 * AWS clients are the SDK's defaults, configured by the environment alone.
 *
 * <pre>
 * POST /orders?item=NAME   (body: the upload)  -> {"id":1,"item":"NAME","object":"orders/1","message":"..."}
 * GET  /orders/ID          -> the order, its object's content and its message as the queue holds it
 * GET  /health             -> ok
 * </pre>
 */
public final class Shop {
    private final String database = System.getenv("JDBC_DATABASE_URL");
    private final String bucket = System.getenv("UPLOADS_BUCKET");
    private final String queue = System.getenv("ORDERS_QUEUE_URL");
    private final S3Client s3 = S3Client.create();
    private final SqsClient sqs = SqsClient.create();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Shop shop = new Shop();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/health", ex -> reply(ex, 200, "ok"));
        server.createContext("/orders", shop::orders);
        server.start();
        System.out.println("shop listening on 127.0.0.1:" + port);
    }

    private void orders(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (ex.getRequestMethod().equals("POST") && path.equals("/orders")) {
                String item = query(ex, "item");
                byte[] upload = ex.getRequestBody().readAllBytes();
                reply(ex, 201, create(item == null ? "item" : item, upload));
            } else if (ex.getRequestMethod().equals("GET") && path.matches("/orders/\\d+")) {
                String found = show(Long.parseLong(path.substring("/orders/".length())));
                reply(ex, found == null ? 404 : 200, found == null ? "{\"error\":\"no such order\"}" : found);
            } else {
                reply(ex, 404, "{\"error\":\"POST /orders?item=NAME or GET /orders/ID\"}");
            }
        } catch (SQLException | RuntimeException e) {
            reply(ex, 500, "{\"error\":" + json(e.getClass().getSimpleName() + ": " + e.getMessage()) + "}");
        }
    }

    /** One transaction for the order; the object and the message once it is committed. */
    private String create(String item, byte[] upload) throws SQLException {
        long id;
        try (Connection c = DriverManager.getConnection(database);
             PreparedStatement insert = c.prepareStatement("INSERT INTO orders (item) VALUES (?) RETURNING id")) {
            insert.setString(1, item);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        String key = "orders/" + id;
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(upload));
        String body = "{\"orderId\":" + id + ",\"item\":" + json(item) + "}";
        String messageId = sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body)).messageId();
        return "{\"id\":" + id + ",\"item\":" + json(item) + ",\"object\":" + json(key) + ",\"message\":"
                + json(messageId) + "}";
    }

    private String show(long id) throws SQLException {
        String item;
        try (Connection c = DriverManager.getConnection(database);
             PreparedStatement select = c.prepareStatement("SELECT item FROM orders WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                item = rs.getString(1);
            }
        }
        String content = s3.getObjectAsBytes(b -> b.bucket(bucket).key("orders/" + id)).asUtf8String();
        // a look at the queue that leaves every message there (visibility 0)
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                .visibilityTimeout(0)).messages();
        String message = messages.stream().map(Message::body)
                .filter(m -> m.startsWith("{\"orderId\":" + id + ",")).findFirst().orElse(null);
        return "{\"id\":" + id + ",\"item\":" + json(item) + ",\"object\":" + json(content) + ",\"message\":"
                + (message == null ? "null" : message) + "}";
    }

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String p : q.split("&")) {
            if (p.startsWith(name + "=")) {
                return URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status == 200 && body.equals("ok") ? "text/plain" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}

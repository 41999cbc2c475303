package io.jiti.kits.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local on a loopback address only. Its own main listens on every interface and may send
 * telemetry; this one builds the same request handler (one shared SQLite database file under the given
 * directory, no CORS) behind a Jetty connector bound to 127.0.0.1, and never configures telemetry, so
 * none is sent.
 *
 * <p>Usage: {@code LoopbackDynamoDb PORT DB_DIRECTORY}. Stops cleanly on SIGTERM (the database is
 * closed by Jetty's shutdown hook).
 */
public final class LoopbackDynamoDb {
    private LoopbackDynamoDb() {
    }

    /**
     * Runs the server until the JVM is asked to stop.
     *
     * @param args the port and the database directory
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LoopbackDynamoDb PORT DB_DIRECTORY");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        // (port unused by the handler, not in memory, database directory, one shared database, no delays)
        var requests = new LocalDynamoDBRequestHandler(0, false, args[1], true, false);
        var handler = new LocalDynamoDBServerHandler(requests, "");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("DynamoDB Local listening on 127.0.0.1:" + port + ", data in " + args[1]);
        server.join();
        handler.close();
    }
}

package io.jiti.s3;

import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the S3 server for one bucket: {@code S3Main PORT ROOT BUCKET REGION}, the key pair and admin token
 * in {@code JITI_S3_ACCESS_KEY_ID}, {@code JITI_S3_SECRET_ACCESS_KEY}, {@code JITI_S3_ADMIN_TOKEN}, the data
 * key in {@code JITI_S3_DATA_KEY}; with PORT 0 it binds a port of its own and writes it to
 * {@code JITI_S3_PORT_FILE}, and proves who it is with {@code JITI_S3_PROOF_KEY} ({@link Identity}). Stops on
 * SIGTERM; whatever was acknowledged is on disk.
 */
public final class S3Main {
    private S3Main() {
    }

    /** The entry point. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: S3Main PORT ROOT BUCKET REGION");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        String dataKey = env.get("JITI_S3_DATA_KEY");
        if (dataKey == null || dataKey.length() < 32) {
            System.err.println("JITI_S3_DATA_KEY must be set (at least 32 characters)");
            System.exit(2);
        }
        S3Server server = S3Server.start(Integer.parseInt(args[0]), Path.of(args[1]), args[2], args[3],
                Credentials.fromEnvironment(env), dataKey, Identity.fromEnvironment(env));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3-stop"));
        System.out.println("jiti-s3: bucket " + args[2] + " (" + server.keys() + " keys) on 127.0.0.1:" + server.port());
        server.join();
    }
}

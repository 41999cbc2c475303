package io.jiti.s3;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An S3 endpoint for one bucket on a loopback port: path-style addressing, every request signed with the
 * bucket's key pair (AWS Signature Version 4), objects on disk under the bucket's directory and encrypted
 * at rest unless the bucket says otherwise. Operations it does not have are answered with S3's
 * {@code NotImplemented}, never silently ignored.
 *
 * <p>Bounded against clients that never finish: requests are read without holding a thread (Jetty), at
 * most {@link #MAX_THREADS} requests are handled at once, at most {@link #MAX_CONNECTIONS} connections are
 * open, a connection idle for {@link #IDLE_TIMEOUT} is closed, and a request head is at most 16 KiB.
 */
public final class S3Server implements AutoCloseable {
    /** Subresources of buckets and objects that are answered with NotImplemented. */
    private static final List<String> UNSUPPORTED = List.of("acl", "policy", "policyStatus", "cors", "lifecycle",
            "tagging", "website", "logging", "notification", "replication", "ownershipControls",
            "publicAccessBlock", "accelerate", "requestPayment", "object-lock", "analytics", "metrics", "inventory",
            "intelligent-tiering", "legal-hold", "retention", "torrent", "attributes", "restore", "select",
            "uploads", "uploadId");
    /** Requests handled at once. */
    static final int MAX_THREADS = 32;
    /** Connections open at once; more wait to be accepted. */
    static final int MAX_CONNECTIONS = 512;
    /** How long a connection may send nothing (also while a request head or body is on its way). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private final Server http;
    private final ServerConnector connector;
    private final Identity identity;
    private final BucketStore store;
    private final SigV4Verifier verifier;
    private final ObjectApi objects;
    private final BucketApi bucket;
    private final MultipartApi multipart;

    private S3Server(Server http, ServerConnector connector, BucketStore store, Multipart uploads,
            Credentials credentials, String region, Identity identity) {
        this.http = http;
        this.identity = identity;
        this.connector = connector;
        this.store = store;
        this.verifier = new SigV4Verifier(credentials, region);
        this.objects = new ObjectApi(store);
        this.bucket = new BucketApi(store, region);
        this.multipart = new MultipartApi(store, uploads, objects);
    }

    /**
     * Starts serving bucket {@code name} from {@code root} on 127.0.0.1:{@code port} (0 for any free port).
     *
     * @param dataKey the secret the bucket's encryption key is derived from; never logged
     */
    public static S3Server start(int port, Path root, String name, String region, Credentials credentials,
            String dataKey) throws IOException {
        return start(port, root, name, region, credentials, dataKey, Identity.none());
    }

    /**
     * As above, proving who it is to the agent ({@link Identity}): answers challenges with the proof and
     * writes the port it bound to the identity's port file.
     */
    public static S3Server start(int port, Path root, String name, String region, Credentials credentials,
            String dataKey, Identity identity) throws IOException {
        BucketStore store = BucketStore.open(root, name, new Sealer(dataKey));
        Path uploads = root.resolve("uploads");
        Files.createDirectories(uploads);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS + 4, 4);
        threads.setName("s3");
        threads.setDaemon(true);
        Server http = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(16 * 1024);
        config.setSendServerVersion(false);
        config.setHeaderCacheCaseSensitive(true); // header values exactly as sent: they are signed
        // S3 keys may hold anything (encoded slashes, dot segments): the path is taken as sent
        config.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(http, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(128);
        http.addConnector(connector);
        http.addBean(new ConnectionLimit(MAX_CONNECTIONS, http));
        S3Server server = new S3Server(http, connector, store, new Multipart(uploads, store), credentials, region,
                identity);
        http.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                server.handle(request, response, callback);
                return true;
            }
        });
        try {
            http.start();
        } catch (Exception e) {
            server.close();
            throw new IOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        identity.announce(server.port());
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Waits until the server stops (its threads are daemons: a main that only serves must wait here). */
    public void join() throws InterruptedException {
        http.join();
    }

    /** How many keys the bucket holds. */
    public int keys() {
        return store.size();
    }

    private void handle(Request request, Response response, Callback callback) {
        S3Exchange x = new S3Exchange(request, response);
        String challenge = x.header(Identity.CHALLENGE);
        if (challenge != null && identity.proofKey() != null && challenge.length() <= 256) {
            x.prove(Identity.proof(identity.proofKey(), challenge));
        }
        try {
            Verdict v = verifier.verify(x.signed(), Instant.now());
            if (v instanceof Verdict.Denied d) {
                throw new S3Error(d.status(), d.code(), d.message());
            }
            x.verified((Verdict.Allowed) v);
            route(x);
            callback.succeeded();
        } catch (S3Error e) {
            answer(x, e, callback);
        } catch (IOException | RuntimeException e) {
            System.err.println(x.method() + " " + x.resource() + ": " + e);
            answer(x, new S3Error(500, "InternalError", "We encountered an internal error: "
                    + e.getClass().getSimpleName() + ". Please try again."), callback);
        }
    }

    /**
     * Sends S3's error document; when the status line went out already (a body failed halfway), fails the
     * response instead, which makes the server drop the connection: the client sees a cut response, not a
     * complete-looking one, and does not wait for the bytes that will not come.
     */
    private static void answer(S3Exchange x, S3Error e, Callback callback) {
        if (x.answered()) {
            callback.failed(new IllegalStateException("response cut short: " + e.getMessage()));
            return;
        }
        try {
            x.error(e);
            callback.succeeded();
        } catch (IOException | RuntimeException ignored) {
            callback.failed(ignored); // the client went away
        }
    }

    private void route(S3Exchange x) throws IOException {
        String name = store.config().name();
        if (x.bucket() == null) {
            if (!x.method().equals("GET")) {
                throw new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
            }
            bucket.listBuckets(x);
            return;
        }
        if (!x.bucket().equals(name)) {
            throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist (this endpoint serves "
                    + name + " only; declare a bucket particle for each bucket).");
        }
        if (x.key() == null) {
            routeBucket(x);
        } else {
            routeObject(x);
        }
    }

    private void routeBucket(S3Exchange x) throws IOException {
        switch (x.method()) {
            case "HEAD" -> bucket.head(x);
            case "GET" -> {
                if (x.has("location")) {
                    bucket.location(x);
                } else if (x.has("versioning")) {
                    bucket.getVersioning(x);
                } else if (x.has("encryption")) {
                    bucket.getEncryption(x);
                } else if (x.has("versions")) {
                    bucket.listVersions(x);
                } else {
                    unsupported(x, "on a bucket");
                    bucket.list(x);
                }
            }
            case "PUT" -> {
                if (x.has("versioning")) {
                    bucket.putVersioning(x);
                } else if (x.has("encryption")) {
                    bucket.putEncryption(x);
                } else {
                    unsupported(x, "on a bucket");
                    throw new S3Error(409, "BucketAlreadyOwnedByYou", "The bucket " + store.config().name()
                            + " exists and is yours (jiti created it).");
                }
            }
            case "DELETE" -> {
                if (x.has("encryption")) {
                    bucket.deleteEncryption(x);
                } else {
                    unsupported(x, "on a bucket");
                    throw S3Error.notImplemented("DeleteBucket (jiti deletes the bucket: 'jiti down --force' or "
                            + "state: absent)");
                }
            }
            case "POST" -> {
                if (x.has("delete")) {
                    bucket.deleteObjects(x);
                } else {
                    throw S3Error.notImplemented("POST on a bucket without ?delete");
                }
            }
            default -> throw new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }
    }

    private void routeObject(S3Exchange x) throws IOException {
        switch (x.method()) {
            case "GET", "HEAD" -> {
                unsupported(x, "on an object");
                objects.get(x);
            }
            case "PUT" -> {
                if (x.has("uploadId") && x.has("partNumber")) {
                    multipart.uploadPart(x);
                    return;
                }
                unsupported(x, "on an object");
                if (x.header("x-amz-copy-source") != null) {
                    objects.copy(x);
                } else {
                    objects.put(x);
                }
            }
            case "DELETE" -> {
                if (x.has("uploadId")) {
                    multipart.abort(x);
                    return;
                }
                unsupported(x, "on an object");
                objects.delete(x);
            }
            case "POST" -> {
                if (x.has("uploads")) {
                    multipart.create(x);
                } else if (x.has("uploadId")) {
                    multipart.complete(x);
                } else {
                    unsupported(x, "on an object");
                    throw S3Error.notImplemented("POST on an object without ?uploads or ?uploadId");
                }
            }
            default -> throw new S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }
    }

    /** NotImplemented for a subresource this server does not have. */
    private static void unsupported(S3Exchange x, String where) {
        for (String sub : UNSUPPORTED) {
            if (x.has(sub)) {
                throw S3Error.notImplemented(x.method() + " ?" + sub + " " + where);
            }
        }
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // stopping anyway; nothing is left to release
        }
    }
}

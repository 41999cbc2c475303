package io.jiti.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An S3 endpoint for one bucket on a loopback port: path-style addressing, every request signed with the
 * bucket's key pair (AWS Signature Version 4), objects on disk under the bucket's directory and encrypted
 * at rest unless the bucket says otherwise. Operations it does not have are answered with S3's
 * {@code NotImplemented}, never silently ignored.
 */
public final class S3Server implements AutoCloseable {
    /** Subresources of buckets and objects that are answered with NotImplemented. */
    private static final List<String> UNSUPPORTED = List.of("acl", "policy", "policyStatus", "cors", "lifecycle",
            "tagging", "website", "logging", "notification", "replication", "ownershipControls",
            "publicAccessBlock", "accelerate", "requestPayment", "object-lock", "analytics", "metrics", "inventory",
            "intelligent-tiering", "legal-hold", "retention", "torrent", "attributes", "restore", "select",
            "uploads", "uploadId");
    private final HttpServer http;
    private final ExecutorService workers;
    private final BucketStore store;
    private final SigV4Verifier verifier;
    private final ObjectApi objects;
    private final BucketApi bucket;
    private final MultipartApi multipart;

    private S3Server(HttpServer http, ExecutorService workers, BucketStore store, Multipart uploads,
            Credentials credentials, String region) {
        this.http = http;
        this.workers = workers;
        this.store = store;
        this.verifier = new SigV4Verifier(credentials);
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
        BucketStore store = BucketStore.open(root, name, new Sealer(dataKey));
        Path uploads = root.resolve("uploads");
        Files.createDirectories(uploads);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "s3-worker");
            t.setDaemon(true);
            return t;
        });
        S3Server server = new S3Server(http, workers, store, new Multipart(uploads, store), credentials, region);
        http.createContext("/", server::handle);
        http.setExecutor(workers);
        http.start();
        return server;
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** How many keys the bucket holds. */
    public int keys() {
        return store.size();
    }

    private void handle(HttpExchange ex) {
        S3Exchange x = new S3Exchange(ex);
        try {
            if (verifier.verify(x.signed(), Instant.now()) instanceof Verdict.Denied d) {
                throw new S3Error(403, d.code(), d.message());
            }
            route(x);
        } catch (S3Error e) {
            answer(x, e);
        } catch (IOException | RuntimeException e) {
            System.err.println(x.method() + " " + x.resource() + ": " + e);
            answer(x, new S3Error(500, "InternalError", "We encountered an internal error: "
                    + e.getClass().getSimpleName() + ". Please try again."));
        }
        ex.close();
    }

    /**
     * Sends S3's error document; when the status line went out already (a body failed halfway), throws
     * instead, which makes the HTTP server drop the connection: the client sees a cut response, not a
     * complete-looking one, and does not wait for the bytes that will not come.
     */
    private static void answer(S3Exchange x, S3Error e) {
        if (x.answered()) {
            throw new IllegalStateException("response cut short: " + e.getMessage());
        }
        try {
            x.error(e);
        } catch (IOException ignored) {
            // the client went away
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
        http.stop(1);
        workers.shutdownNow();
    }
}

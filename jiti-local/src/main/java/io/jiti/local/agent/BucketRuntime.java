package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.Home;
import io.jiti.local.lb.ListenerSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code bucket}: an S3 endpoint of its own (jiti's S3 server, module {@code jiti-s3}, in a JVM of its own
 * from the agent's class path: loopback only, every request's AWS Signature Version 4 checked against the
 * bucket's own generated key pair). Objects live under {@code JITI_HOME/stacks/STACK/run/NAME/data},
 * encrypted at rest with a key derived from the bucket's own {@code dataKey} secret (sealed in the secret
 * store) unless {@code encryption: false}; {@code versioning} and {@code encryption} are set through the S3
 * API once the server answers.
 */
final class BucketRuntime extends ServerRuntime {
    static final String ACCESS_KEY_ID = "accessKeyId";
    static final String SECRET_ACCESS_KEY = "secretAccessKey";
    private static final String ADMIN_TOKEN = "adminToken";
    private static final String DATA_KEY = "dataKey";
    private volatile String accessKeyId;
    /** The key the server started last proves itself with ({@link io.jiti.s3.Identity}); per start, never stored. */
    private volatile String proofKey;

    BucketRuntime(Home home, RecordStore store, SecretStore secrets, io.jiti.local.lb.Balancers balancers,
            ParticleRecord rec) {
        super(home, store, secrets, balancers, rec);
    }

    @Override
    protected void layOut() {
        ownSecret(ACCESS_KEY_ID, "hex", 16);
        ownSecret(SECRET_ACCESS_KEY, "base64url", 40);
        ownSecret(ADMIN_TOKEN, "base64url", 32);
        ownSecret(DATA_KEY, "base64url", 43);
    }

    @Override
    protected ListenerSpec front(String id, int port) {
        // Clients reach the server only once ready() has applied the spec (versioning, encryption); the
        // balancer also bounds bodies: objects up to 5 GiB, and time to send them.
        return secured(ListenerSpec.of(id, port).withLimits(Duration.ofMinutes(10), Duration.ofMinutes(10), 5L << 30));
    }

    @Override
    protected List<String> command(int port) {
        // jiti's own S3 server (module jiti-s3), from the agent's own class path
        return List.of(java(), "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.jiti.s3.S3Main", Integer.toString(port),
                dir().resolve("data").toString(), bucketName(rec), LocalAws.REGION);
    }

    /** The server binds a port of its own and reports it: no other process can take it in between. */
    @Override
    protected int initialServerPort() {
        proofKey = SecretRuntime.random("base64url", 32);
        try {
            java.nio.file.Files.deleteIfExists(portFile());
        } catch (java.io.IOException e) {
            throw new JitiException("cannot remove " + portFile() + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private java.nio.file.Path portFile() {
        return dir().resolve("server.port");
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of("JITI_S3_ACCESS_KEY_ID", accessKeyId(),
                "JITI_S3_SECRET_ACCESS_KEY", secret(SECRET_ACCESS_KEY),
                "JITI_S3_ADMIN_TOKEN", secret(ADMIN_TOKEN),
                "JITI_S3_DATA_KEY", secret(DATA_KEY),
                "JITI_S3_PORT_FILE", portFile().toString(),
                "JITI_S3_PROOF_KEY", proofKey);
    }

    /**
     * The port the server started last reported, once it has proved it is that server (nothing secret is
     * sent before); 0 while it has not reported one yet.
     */
    private int provenPort() {
        int port;
        try {
            port = Integer.parseInt(java.nio.file.Files.readString(portFile()).trim());
        } catch (java.io.IOException | NumberFormatException e) {
            return 0; // not written yet
        }
        String challenge = SecretRuntime.random("hex", 32);
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + bucketName(rec)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header(io.jiti.s3.Identity.CHALLENGE, challenge)
                .timeout(Duration.ofSeconds(5)).build();
        try {
            java.util.Optional<String> proof = HTTP.send(probe, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .headers().firstValue(io.jiti.s3.Identity.PROOF);
            if (proof.isEmpty() || proofKey == null || !java.security.MessageDigest.isEqual(
                    io.jiti.s3.Identity.proof(proofKey, challenge).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    proof.get().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new JitiException("the process on 127.0.0.1:" + port + " is not the server of bucket " + rec.name()
                        + " (it does not prove it); nothing was sent to it");
            }
            return port;
        } catch (java.io.IOException e) {
            return 0; // starting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private String secret(String key) {
        return secrets.get(rec.stack(), rec.name(), key)
                .orElseThrow(() -> new JitiException("the " + key + " of " + rec.name() + " is missing from the store"));
    }

    /**
     * Not a secret (it names the key pair), but kept with it so it never changes; read from the store once
     * (outputs are asked for on every observation).
     */
    private String accessKeyId() {
        String id = accessKeyId;
        if (id == null) {
            id = "AKJITI" + secret(ACCESS_KEY_ID).toUpperCase(Locale.ROOT);
            accessKeyId = id;
        }
        return id;
    }

    @Override
    protected boolean ready() {
        if (serverPort() == 0) {
            int port = provenPort();
            if (port == 0) {
                return false;
            }
            useServerPort(port);
        }
        String bucket = "http://127.0.0.1:" + serverPort() + "/" + bucketName(rec);
        int head = send(HttpRequest.newBuilder(URI.create(bucket)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (head != 200) {
            return false; // starting
        }
        if (rec.spec().get("versioning") instanceof Boolean on) {
            String body = "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>"
                    + (on ? "Enabled" : "Suspended") + "</Status></VersioningConfiguration>";
            if (!configure(bucket + "?versioning", "versioning", HttpRequest.BodyPublishers.ofString(body))) {
                return false;
            }
            events.add("versioning " + (on ? "enabled" : "suspended"));
        }
        boolean encrypt = !Boolean.FALSE.equals(rec.spec().get("encryption"));
        String sse = "<ServerSideEncryptionConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule>"
                + "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
                + "</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>";
        if (!configure(bucket + "?encryption", "encryption", encrypt ? HttpRequest.BodyPublishers.ofString(sse) : null)) {
            return false;
        }
        events.add(encrypt ? "new objects are encrypted at rest" : "new objects are stored unencrypted");
        return true;
    }

    /** PUT (or, without a body, DELETE) of a bucket setting; false when the server did not answer. */
    private boolean configure(String url, String what, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        int status = send(body == null ? request.DELETE()
                : request.header("Content-Type", "application/xml").PUT(body));
        if (status == -1) {
            return false; // no answer: the next tick asks again
        }
        if (status != 200 && status != 204) {
            throw new JitiException("cannot set the " + what + " of bucket " + rec.name() + ": HTTP " + status);
        }
        return true;
    }

    /** A request as the agent: with the admin token instead of a signature. */
    private int send(HttpRequest.Builder request) {
        return status(request.header("X-Jiti-Admin-Token", secret(ADMIN_TOKEN)).timeout(Duration.ofSeconds(5))
                .build());
    }

    @Override
    protected Map<String, Object> outputs(ParticleRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("endpoint", r.url());
        out.put("caBundle", caBundle());
        out.put("name", bucketName(r));
        out.put("region", LocalAws.REGION);
        out.put("arn", "arn:aws:s3:::" + bucketName(r));
        out.put(ACCESS_KEY_ID, accessKeyId != null || secrets.has(r.stack(), r.name(), ACCESS_KEY_ID) ? accessKeyId() : "");
        out.put(SECRET_ACCESS_KEY, SecretRef.of(r.stack(), r.name(), SECRET_ACCESS_KEY));
        return out;
    }

    /**
     * The S3 bucket name: the particle's, a blueprint member's {@code .} as {@code -} (a name with dots
     * cannot be addressed virtual-host style, and SDKs then fail against an IP endpoint).
     */
    static String bucketName(ParticleRecord r) {
        return r.name().replace('.', '-');
    }
}

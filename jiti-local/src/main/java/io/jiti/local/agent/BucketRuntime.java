package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.Home;
import io.jiti.proxy.ProxyConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code bucket}: an S3 endpoint of its own (S3Mock from the {@code s3} kit, with jiti's additions: it
 * listens on loopback only and checks every request's AWS Signature Version 4 against the bucket's own
 * generated key pair). Objects live under {@code JITI_HOME/stacks/STACK/run/NAME/data}; {@code versioning}
 * is set through the S3 API once the server answers.
 */
final class BucketRuntime extends ServerRuntime {
    static final String ACCESS_KEY_ID = "accessKeyId";
    static final String SECRET_ACCESS_KEY = "secretAccessKey";
    private static final String ADMIN_TOKEN = "adminToken";
    private volatile String accessKeyId;

    BucketRuntime(Home home, RecordStore store, SecretStore secrets, ParticleRecord rec) {
        super(home, store, secrets, rec);
    }

    @Override
    protected void layOut() {
        ownSecret(ACCESS_KEY_ID, "hex", 16);
        ownSecret(SECRET_ACCESS_KEY, "base64url", 40);
        ownSecret(ADMIN_TOKEN, "base64url", 32);
    }

    @Override
    protected ProxyConfig front(String name, int port) {
        // S3Mock's Tomcat answers "Expect: 100-continue" with a status line without reason phrase, which
        // some S3 clients (botocore before 1.31, as in Debian's awscli 2.9) do not take for a 100 and hang
        // on; jiti's proxy answers it itself. Objects up to 5 GiB, and time to send them.
        return ProxyConfig.defaults(name, port).withMaxBodyBytes(5L << 30).withRequestTimeout(Duration.ofMinutes(10))
                .withIdleTimeout(Duration.ofMinutes(10));
    }

    @Override
    protected List<String> command(int port) {
        Kit kit = Kit.ensure(home, "s3");
        List<String> argv = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dloader.path=" + kit.path("additions"), "-cp", kit.path("jar").toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher"));
        String store = "--com.adobe.testing.s3mock.store.";
        argv.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                "--server.ssl.enabled=false", "--spring.main.banner-mode=off",
                store + "root=" + dir().resolve("data"), store + "retain-files-on-exit=true",
                store + "initial-buckets=" + rec.name(), store + "region=" + LocalAws.REGION));
        return argv;
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of("JITI_S3_ACCESS_KEY_ID", accessKeyId(),
                "JITI_S3_SECRET_ACCESS_KEY", secret(SECRET_ACCESS_KEY),
                "JITI_S3_ADMIN_TOKEN", secret(ADMIN_TOKEN));
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
        String bucket = "http://127.0.0.1:" + serverPort() + "/" + rec.name();
        int head = send(HttpRequest.newBuilder(URI.create(bucket)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (head != 200) {
            return false; // starting (Spring takes a few seconds)
        }
        if (rec.spec().get("versioning") instanceof Boolean on) {
            String body = "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>"
                    + (on ? "Enabled" : "Suspended") + "</Status></VersioningConfiguration>";
            int put = send(HttpRequest.newBuilder(URI.create(bucket + "?versioning"))
                    .header("Content-Type", "application/xml")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)));
            if (put == -1) {
                return false; // no answer: the next tick asks again
            }
            if (put != 200) {
                throw new JitiException("cannot set the versioning of bucket " + rec.name() + ": HTTP " + put);
            }
            events.add("versioning " + (on ? "enabled" : "suspended"));
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
        out.put("endpoint", endpoint(r));
        out.put("name", r.name());
        out.put("region", LocalAws.REGION);
        out.put("arn", "arn:aws:s3:::" + r.name());
        out.put(ACCESS_KEY_ID, accessKeyId != null || secrets.has(r.stack(), r.name(), ACCESS_KEY_ID) ? accessKeyId() : "");
        out.put(SECRET_ACCESS_KEY, SecretRef.of(r.stack(), r.name(), SECRET_ACCESS_KEY));
        return out;
    }
}

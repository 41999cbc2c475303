package io.jiti.local;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link AwsSdkProbe} over HTTPS. The Java SDK does not read {@code AWS_CA_BUNDLE}, so this application
 * does what one trusting a private CA does: it gives its HTTP client a trust manager for that file. A client
 * left with the JVM's default trust must be refused. Writes what it saw to {@code ARG0/sdk-tls.out}.
 */
public final class AwsSdkTlsProbe {
    private AwsSdkTlsProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<String> out = new ArrayList<>();
        String bucket = System.getenv("UPLOADS_BUCKET");
        try (S3Client untrusting = S3Client.create()) {
            untrusting.listObjectsV2(b -> b.bucket(bucket));
            out.add("default trust: accepted");
        } catch (RuntimeException e) {
            out.add("default trust: " + (causedBy(e, SSLHandshakeException.class) ? "refused" : e.toString()));
        }
        TrustManager[] trust = trustManagers(Path.of(System.getenv("AWS_CA_BUNDLE")));
        try (SdkHttpClient http = ApacheHttpClient.builder().tlsTrustManagersProvider(() -> trust).build();
             S3Client s3 = S3Client.builder().httpClient(http).build();
             SqsClient sqs = SqsClient.builder().httpClient(http).build();
             DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(http).build()) {
            s3.putObject(b -> b.bucket(bucket).key("tls.txt"), RequestBody.fromString("over tls"));
            out.add("object: " + s3.getObjectAsBytes(b -> b.bucket(bucket).key("tls.txt")).asUtf8String());
            String queue = System.getenv("ORDERS_QUEUE_URL");
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("order-tls"));
            out.add("message: " + sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)).messages().get(0).body());
            String table = System.getenv("EVENTS_TABLE");
            dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("t-1"))));
            out.add("item: " + dynamo.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("t-1"))))
                    .item().get("id").s());
        }
        Files.write(Path.of(args[0]).resolve("sdk-tls.out"), out);
    }

    /** Trust managers that trust the certificates in a PEM file. */
    private static TrustManager[] trustManagers(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

package io.jiti.bench;

import io.jiti.s3.Credentials;
import io.jiti.s3.S3Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What encryption at rest costs the {@code bucket} server: PUT and GET of one object through the AWS SDK
 * for Java v2, on a bucket that encrypts (the default) and on one that does not (the baseline), measured in
 * turn for a number of rounds. Prints the medians in MB/s and the medians of the per-round ratios.
 * Usage: {@code S3Bench [megabytes=64] [rounds=5]}.
 */
public final class S3Bench {
    private static final Credentials KEYS = new Credentials("AKJITIBENCH", "bench-secret-access-key", "bench-admin");

    private S3Bench() {
    }

    /** The entry point. */
    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] body = new byte[mb << 20];
        new Random(7).nextBytes(body);
        Path dir = Files.createTempDirectory("jiti-s3-bench");
        try (S3Server sealed = S3Server.start(0, dir.resolve("sealed"), "sealed", "us-east-1", KEYS, "bench-data-key-0123456789abcdefghijk");
                S3Server plain = S3Server.start(0, dir.resolve("plain"), "plain", "us-east-1", KEYS, "bench-data-key-0123456789abcdefghijk")) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.port() + "/plain?encryption"))
                    .header("X-Jiti-Admin-Token", KEYS.adminToken()).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            List<double[]> put = new ArrayList<>();
            List<double[]> get = new ArrayList<>();
            try (S3Client s3e = client(sealed.port()); S3Client s3p = client(plain.port())) {
                once(s3e, "sealed", body); // warm-up
                once(s3p, "plain", body);
                for (int r = 0; r < rounds; r++) {
                    double[] e = once(s3e, "sealed", body);
                    double[] p = once(s3p, "plain", body);
                    put.add(new double[] {mb / e[0], mb / p[0]});
                    get.add(new double[] {mb / e[1], mb / p[1]});
                }
            }
            report("put", put);
            report("get", get);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static S3Client client(int port) {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1).forcePathStyle(true)
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(KEYS.accessKeyId(), KEYS.secretAccessKey())))
                .build();
    }

    /** Seconds for one PUT and one GET of {@code body}. */
    private static double[] once(S3Client s3, String bucket, byte[] body) throws IOException {
        long t0 = System.nanoTime();
        s3.putObject(b -> b.bucket(bucket).key("object"), RequestBody.fromBytes(body));
        long t1 = System.nanoTime();
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key("object"), ResponseTransformer.toInputStream())) {
            if (in.transferTo(OutputStream.nullOutputStream()) != body.length) {
                throw new IllegalStateException("short read");
            }
        }
        long t2 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
    }

    private static void report(String op, List<double[]> rounds) {
        System.out.printf("s3_%s_encrypted: %.1f MB/s%n", op, median(rounds, 0));
        System.out.printf("s3_%s_plain: %.1f MB/s%n", op, median(rounds, 1));
        List<Double> ratios = rounds.stream().map(r -> r[0] / r[1]).sorted().toList();
        System.out.printf("s3_%s_ratio_encrypted_to_plain: %.2f x%n", op, ratios.get(ratios.size() / 2));
    }

    private static double median(List<double[]> rounds, int i) {
        List<Double> v = rounds.stream().map(r -> r[i]).sorted().toList();
        return v.get(v.size() / 2);
    }
}

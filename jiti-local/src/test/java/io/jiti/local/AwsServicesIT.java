package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.ProtectedException;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import io.jiti.spi.Observed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A {@code bucket}, a {@code queue} and a {@code table} on a real agent, used by clients no one here wrote: Debian's
 * {@code aws} command and the AWS SDK for Java v2, both configured only by what {@code connect} injects.
 */
class AwsServicesIT {
    /** Debian's package (2.9, which reads no endpoint variables: the endpoint is passed as an option). */
    private static final String AWS = "/usr/bin/aws";
    private static final String S3 = AWS + " --endpoint-url $AWS_ENDPOINT_URL_S3 s3 ";
    private static final String SQS = AWS + " --endpoint-url $AWS_ENDPOINT_URL_SQS sqs ";
    private static final String DYNAMODB = AWS + " --endpoint-url $AWS_ENDPOINT_URL_DYNAMODB dynamodb ";
    private static final String INDEXES = """
                      indexes:
                        - name: byKind
                          partitionKey: {name: kind}
                          sortKey: {name: at, type: number}
                """;

    private static Stack stack(Path dir, String jobs) {
        return stack(dir, "id", INDEXES, jobs);
    }

    private static Stack stack(Path dir, String key, String indexes, String jobs) {
        String yaml = """
                stack: aws-it
                particles:
                  - name: uploads
                    type: bucket
                    spec:
                      versioning: true
                  - name: orders
                    type: queue
                    spec:
                      visibilityTimeout: 1
                      deadLetter:
                        maxReceiveCount: 2
                  - name: events
                    type: table
                    spec:
                      partitionKey: {name: %s}
                      sortKey: {name: at, type: number}
                """.formatted(key) + indexes + jobs;
        return StackLoader.builtIn().parse(yaml, "jiti.yaml", dir);
    }

    private static String job(String name, String command, String after) {
        return """
                  - name: %s
                    type: job
                    dependsOn: [%s]
                    spec:
                      connect: [uploads, orders, events]
                      command: '%s'
                """.formatted(name, after, command.replace("'", "''"));
    }

    @Test
    void awsCliAndTheJavaSdkUseTheInjectedVariablesAndTheDataOutlivesDown() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(AWS)), "Debian's awscli is not installed");
        Path dir = io.jiti.testkit.TestDirs.create("jiti-aws");
        // the object's body is made by the job (so that it is not in the job's spec, kept in the home)
        String cli = "set -e; echo \"an object body $(cat /proc/sys/kernel/random/uuid)\" > " + dir + "/hello.txt; "
                + S3 + "cp " + dir + "/hello.txt s3://$UPLOADS_BUCKET/hello.txt; "
                + S3 + "ls s3://$UPLOADS_BUCKET/ > " + dir + "/ls.out; "
                + S3 + "cp s3://$UPLOADS_BUCKET/hello.txt " + dir + "/back.out; "
                + AWS + " --endpoint-url $AWS_ENDPOINT_URL_S3 s3api head-object --bucket $UPLOADS_BUCKET --key hello.txt"
                + " --query ServerSideEncryption --output text > " + dir + "/sse.out; "
                + SQS + "send-message --queue-url $ORDERS_QUEUE_URL --message-body kept >/dev/null; "
                + "printenv AWS_SECRET_ACCESS_KEY > " + dir + "/key.out; "
                + "AWS_SECRET_ACCESS_KEY=wrong " + S3 + "ls s3://$UPLOADS_BUCKET/ 2> " + dir + "/denied.out || true; "
                + AWS + " --endpoint-url $UPLOADS_BUCKET_ENDPOINT s3 ls s3://$UPLOADS_BUCKET/ > " + dir + "/explicit.out";
        // the SDK first: it receives from the queue, and must not see the message the CLI leaves there
        String sdk = "java -cp " + System.getProperty("java.class.path") + " " + AwsSdkProbe.class.getName() + " " + dir;
        try (AgentFixture f = new AgentFixture()) {
            f.track("aws-it");
            ApplyReport up = f.reconciler().apply(stack(dir, job("sdk", sdk, "") + job("cli", cli, "sdk")));
            assertThat(up.ok()).as(() -> up.problems() + "\n" + logs(f.home, "cli") + logs(f.home, "sdk")).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("explicit.out"))
                    && Files.exists(dir.resolve("sdk.out")));
            assertThat(Files.readString(dir.resolve("ls.out"))).contains("hello.txt");
            assertThat(Files.readString(dir.resolve("explicit.out"))).contains("hello.txt");
            assertThat(Files.readString(dir.resolve("denied.out"))).contains("SignatureDoesNotMatch");
            assertThat(Files.readAllLines(dir.resolve("sdk.out")))
                    .containsExactly("by index: [order-1@2]", "object: two", "versions: 2", "dead letter: order-1");
            assertThat(up.output("events", "arn")).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/events");
            assertThat(up.output("uploads", "secretAccessKey")).isEqualTo("jiti-secret:aws-it/uploads/secretAccessKey");
            assertThat(up.output("orders", "url")).asString().endsWith("/000000000000/orders");

            // the bucket's secret is nowhere in the home but sealed
            String key = Files.readString(dir.resolve("key.out")).trim();
            assertThat(key).hasSizeGreaterThan(20);
            assertThat(filesHolding(f.home, key)).isEmpty();

            // objects are encrypted at rest: the body read back whole, but no file in the home holds it
            String body = Files.readString(dir.resolve("hello.txt")).trim();
            assertThat(body).startsWith("an object body ").hasSizeGreaterThan(40);
            assertThat(Files.readString(dir.resolve("back.out")).trim()).isEqualTo(body);
            assertThat(Files.readString(dir.resolve("sse.out")).trim()).isEqualTo("AES256");
            assertThat(filesHolding(f.home, body)).isEmpty();

            // a key change would lose the items: refused without --force, nothing changed
            assertThatThrownBy(() -> f.reconciler().apply(stack(dir, "orderId", INDEXES, "")))
                    .isInstanceOf(ProtectedException.class)
                    .hasMessageContaining("events (replace, which deletes it and its data first; changed: partitionKey)");

            // down keeps all three (stopped); up again: the object, the unread message and the items are
            // there, and an index added to the spec is built in place
            assertThat(f.reconciler().destroy("aws-it").ok()).isTrue();
            assertThat(f.reconciler().observe("aws-it").values()).allSatisfy(o -> assertThat(o.instances()).isEmpty());
            String after = "set -e; " + S3 + "ls s3://$UPLOADS_BUCKET/ > " + dir + "/after-ls.out; "
                    + SQS + "receive-message --wait-time-seconds 10 --queue-url $ORDERS_QUEUE_URL --query Messages[0].Body --output text > "
                    + dir + "/after-msg.out; "
                    + DYNAMODB + "get-item --table-name $EVENTS_TABLE --key '{\"id\":{\"S\":\"order-1\"},\"at\":{\"N\":\"1\"}}'"
                    + " --query Item.kind.S --output text > " + dir + "/after-item.out; "
                    + DYNAMODB + "describe-table --table-name $EVENTS_TABLE --query 'Table.GlobalSecondaryIndexes[].IndexName'"
                    + " --output text > " + dir + "/after-indexes.out";
            String more = INDEXES + """
                        - name: byId
                          partitionKey: {name: id}
                          projection: keys
                """;
            ApplyReport again = f.reconciler().apply(stack(dir, "id", more, job("after", after, "")));
            assertThat(again.ok()).as(() -> again.problems() + "\n" + logs(f.home, "after")).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("after-indexes.out")));
            assertThat(Files.readString(dir.resolve("after-item.out")).trim()).isEqualTo("paid");
            assertThat(Files.readString(dir.resolve("after-indexes.out")).split("\\s+")).containsExactlyInAnyOrder("byKind", "byId");
            assertThat(Files.readString(dir.resolve("after-ls.out"))).contains("hello.txt");
            assertThat(Files.readString(dir.resolve("after-msg.out")).trim()).isEqualTo("kept");

            // down --force removes the servers and their data
            List<Long> servers = f.reconciler().observe("aws-it").values().stream()
                    .filter(o -> !o.type().equals("job"))
                    .flatMap(o -> o.instances().stream()).map(i -> i.pid()).toList();
            assertThat(servers).hasSize(3);
            Reconciler force = new Reconciler(f.provider, ApplyListener.none(), ApplyOptions.defaults().withForce(true));
            assertThat(force.destroy("aws-it").ok()).isTrue();
            assertThat(servers).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                    .orElse(false)).isFalse());
            assertThat(f.home.resolve("stacks/aws-it/run/uploads")).doesNotExist();
            assertThat(f.home.resolve("stacks/aws-it/run/orders")).doesNotExist();
            assertThat(f.home.resolve("stacks/aws-it/run/events")).doesNotExist();
        }
    }

    @Test
    void overHttpsTheAwsCliAndTheJavaSdkVerifyTheEndpointsWithTheHomesCa() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(AWS)), "Debian's awscli is not installed");
        Path dir = io.jiti.testkit.TestDirs.create("jiti-aws-tls");
        Path otherCa = io.jiti.local.tls.LocalCa.of(new Home(dir.resolve("other-home"))).certificateFile();
        String cli = "set -e; echo hello > " + dir + "/hello.txt; printenv AWS_ENDPOINT_URL_S3 AWS_ENDPOINT_URL_SQS "
                + "AWS_ENDPOINT_URL_DYNAMODB ORDERS_QUEUE_URL AWS_CA_BUNDLE > " + dir + "/env.out; "
                + S3 + "cp " + dir + "/hello.txt s3://$UPLOADS_BUCKET/hello.txt; "
                + S3 + "ls s3://$UPLOADS_BUCKET/ > " + dir + "/ls.out; "
                + SQS + "send-message --queue-url $ORDERS_QUEUE_URL --message-body by-cli --query MessageId --output text > "
                + dir + "/sent.out; "
                + DYNAMODB + "describe-table --table-name $EVENTS_TABLE --query Table.TableStatus --output text > "
                + dir + "/table.out; "
                + "AWS_CA_BUNDLE=" + otherCa + " " + S3 + "ls s3://$UPLOADS_BUCKET/ 2> " + dir + "/untrusting.out || true; "
                + "echo done > " + dir + "/cli.done";
        String sdk = "java -cp " + System.getProperty("java.class.path") + " " + AwsSdkTlsProbe.class.getName() + " " + dir;
        String yaml = """
                stack: aws-it
                particles:
                  - name: uploads
                    type: bucket
                    spec: {tls: true}
                  - name: orders
                    type: queue
                    spec: {tls: true}
                  - name: events
                    type: table
                    spec: {tls: true, partitionKey: {name: id}}
                """ + job("sdk", sdk, "") + job("cli", cli, "sdk");
        try (AgentFixture f = new AgentFixture()) {
            f.track("aws-it");
            ApplyReport up = f.reconciler().apply(StackLoader.builtIn().parse(yaml, "jiti.yaml", dir));
            assertThat(up.ok()).as(() -> up.problems() + "\n" + logs(f.home, "cli") + logs(f.home, "sdk")).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("cli.done"))
                    && Files.exists(dir.resolve("sdk-tls.out")));
            String ca = f.home.resolve("agent/ca/ca.crt").toString();
            assertThat(Files.readAllLines(dir.resolve("env.out"))).allSatisfy(v -> assertThat(v).satisfiesAnyOf(
                    e -> assertThat(e).startsWith("https://127.0.0.1:"), e -> assertThat(e).isEqualTo(ca)));
            assertThat(up.output("uploads", "endpoint")).asString().startsWith("https://127.0.0.1:");
            assertThat(up.output("orders", "url")).asString().startsWith("https://127.0.0.1:").endsWith("/orders");
            assertThat(up.output("events", "caBundle")).isEqualTo(ca);
            assertThat(Files.readString(dir.resolve("ls.out"))).contains("hello.txt");
            assertThat(Files.readString(dir.resolve("sent.out")).trim()).isNotEmpty();
            assertThat(Files.readString(dir.resolve("table.out")).trim()).isEqualTo("ACTIVE");
            assertThat(Files.readString(dir.resolve("untrusting.out"))).contains("SSL validation failed");
            assertThat(Files.readAllLines(dir.resolve("sdk-tls.out"))).containsExactly("default trust: refused",
                    "object: over tls", "message: order-tls", "item: t-1");
        }
    }

    /** What a particle's processes printed, for failure messages. */
    private static String logs(Path home, String particle) {
        try (Stream<Path> files = Files.walk(home.resolve("stacks/aws-it/logs").resolve(particle))) {
            StringBuilder out = new StringBuilder();
            for (Path p : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                out.append(Files.readString(p));
            }
            return out.toString();
        } catch (IOException e) {
            return "(no logs of " + particle + ")";
        }
    }

    private static List<Path> filesHolding(Path root, String value) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1).contains(value);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}

package io.jiti.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Application code as anyone would write it for AWS: default clients, no endpoint, region or credentials
 * in code; only the bucket, queue and table names come from variables. Run as a job with {@code connect}; writes what it
 * saw to {@code ARG0/sdk.out}.
 */
public final class AwsSdkProbe {
    private AwsSdkProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<String> out = new ArrayList<>();
        String bucket = System.getenv("UPLOADS_BUCKET");
        String queue = System.getenv("ORDERS_QUEUE_URL");
        String table = System.getenv("EVENTS_TABLE");
        try (S3Client s3 = S3Client.create(); SqsClient sqs = SqsClient.create();
             DynamoDbClient dynamo = DynamoDbClient.create()) {
            dynamo.putItem(b -> b.tableName(table).item(Map.of("id", s("order-1"), "at", n("1"), "kind", s("paid"))));
            dynamo.putItem(b -> b.tableName(table).item(Map.of("id", s("order-1"), "at", n("2"), "kind", s("shipped"))));
            out.add("by index: " + dynamo.query(b -> b.tableName(table).indexName("byKind")
                    .keyConditionExpression("kind = :k").expressionAttributeValues(Map.of(":k", s("shipped"))))
                    .items().stream().map(i -> i.get("id").s() + "@" + i.get("at").n()).toList());
            s3.putObject(b -> b.bucket(bucket).key("sdk/v.txt"), RequestBody.fromString("one"));
            s3.putObject(b -> b.bucket(bucket).key("sdk/v.txt"), RequestBody.fromString("two"));
            out.add("object: " + s3.getObjectAsBytes(b -> b.bucket(bucket).key("sdk/v.txt")).asUtf8String());
            out.add("versions: " + s3.listObjectVersions(b -> b.bucket(bucket).prefix("sdk/v.txt")).versions().size());
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("order-1"));
            // received twice without being deleted: the third receive finds it in the dead-letter queue
            int receives = 0;
            while (receives < 2) {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)).messages();
                receives += got.size();
            }
            String dlq = queue.replace("/orders", "/orders-dlq");
            List<Message> dead = List.of();
            for (int i = 0; i < 10 && dead.isEmpty(); i++) {
                sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1));
                dead = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1)).messages();
            }
            out.add("dead letter: " + (dead.isEmpty() ? "none" : dead.get(0).body()));
        }
        Files.write(Path.of(args[0]).resolve("sdk.out"), out);
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }
}

package io.jiti.local.agent;

import io.jiti.api.JitiException;
import io.jiti.local.DurableFiles;
import io.jiti.local.Home;
import io.jiti.local.lb.ListenerSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code queue}: an SQS endpoint of its own (ElasticMQ from the {@code sqs} kit) serving the queue and,
 * with {@code deadLetter}, its dead-letter queue {@code NAME-dlq}. Messages are kept in an H2 database
 * under {@code JITI_HOME/stacks/STACK/run/NAME}. ElasticMQ reads its queues from a configuration file at
 * start, so a change of spec restarts the server (the messages stay).
 */
final class QueueRuntime extends ServerRuntime {

    QueueRuntime(Home home, RecordStore store, SecretStore secrets, io.jiti.local.lb.Balancers balancers,
            ParticleRecord rec) {
        super(home, store, secrets, balancers, rec);
    }

    private static boolean fifo(ParticleRecord r) {
        return Boolean.TRUE.equals(r.spec().get("fifo"));
    }

    /**
     * The SQS queue name: the particle's (a blueprint member's {@code .} as {@code _}: SQS allows only
     * letters, digits, {@code -} and {@code _}), with {@code .fifo} for a FIFO queue as SQS requires.
     */
    static String queueName(ParticleRecord r, String suffix) {
        return r.name().replace('.', '_') + suffix + (fifo(r) ? ".fifo" : "");
    }

    private static Map<?, ?> deadLetter(ParticleRecord r) {
        return r.spec().get("deadLetter") instanceof Map<?, ?> m ? m : null;
    }

    /** Behind a load balancer of the balancer host, which binds the queue's port and serves its HTTPS. */
    @Override
    protected ListenerSpec front(String id, int port) {
        return secured(ListenerSpec.of(id, port));
    }

    @Override
    protected void layOut() {
        // nothing before the start: the configuration names the server's port, so command() writes it
    }

    /** ElasticMQ's configuration: its queues, the server on {@code port}, queue URLs on the particle's endpoint. */
    private void configure(int port) {
        int visibility = ((Number) rec.spec().getOrDefault("visibilityTimeout", 30)).intValue();
        int delay = ((Number) rec.spec().getOrDefault("delay", 0)).intValue();
        StringBuilder queues = new StringBuilder();
        queues.append("  \"").append(queueName(rec, "")).append("\" {\n")
                .append("    defaultVisibilityTimeout = ").append(visibility).append(" seconds\n")
                .append("    delay = ").append(delay).append(" seconds\n")
                .append("    fifo = ").append(fifo(rec)).append('\n')
                .append("    contentBasedDeduplication = ").append(Boolean.TRUE.equals(rec.spec().get("contentBasedDeduplication"))).append('\n');
        Map<?, ?> dlq = deadLetter(rec);
        if (dlq != null) {
            queues.append("    deadLettersQueue { name = \"").append(queueName(rec, "-dlq"))
                    .append("\", maxReceiveCount = ").append(((Number) dlq.get("maxReceiveCount")).intValue()).append(" }\n");
        }
        queues.append("  }\n");
        if (dlq != null) {
            queues.append("  \"").append(queueName(rec, "-dlq")).append("\" { fifo = ").append(fifo(rec)).append(" }\n");
        }
        String conf = "include classpath(\"application.conf\")\n"
                + "node-address { protocol = " + (rec.tls() ? "https" : "http") + ", host = \"127.0.0.1\", port = "
                + rec.lbPort() + ", context-path = \"\" }\n"
                + "rest-sqs { enabled = true, bind-port = " + port + ", bind-hostname = \"127.0.0.1\", sqs-limits = strict }\n"
                + "rest-stats { enabled = false }\n"
                + "generate-node-address = false\n"
                + "aws { region = \"" + LocalAws.REGION + "\", accountId = \"" + LocalAws.ACCOUNT + "\" }\n"
                + "messages-storage { enabled = true, uri = \"jdbc:h2:" + dir().resolve("data/messages") + "\" }\n"
                + "queues {\n" + queues + "}\n";
        try {
            DurableFiles.writeAtomically(dir().resolve("elasticmq.conf"), conf);
        } catch (IOException e) {
            throw new JitiException("cannot write the configuration of " + rec.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean restartFor(ParticleRecord previous, ParticleRecord next) {
        return true;
    }

    @Override
    protected List<String> command(int port) {
        configure(port);
        Kit kit = Kit.ensure(home, "sqs");
        return List.of(java(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dconfig.file=" + dir().resolve("elasticmq.conf"), "-cp", kit.classpath(), kit.props().getProperty("main"));
    }

    @Override
    protected boolean ready() {
        URI uri = URI.create(serverEndpoint() + "/?Action=GetQueueUrl&QueueName=" + queueName(rec, ""));
        return status(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build()) == 200;
    }

    @Override
    protected Map<String, Object> outputs(ParticleRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("endpoint", r.url());
        out.put("caBundle", caBundle());
        out.put("name", queueName(r, ""));
        out.put("url", r.url() + "/" + LocalAws.ACCOUNT + "/" + queueName(r, ""));
        out.put("arn", "arn:aws:sqs:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":" + queueName(r, ""));
        out.put("region", LocalAws.REGION);
        if (deadLetter(r) != null) {
            out.put("deadLetterUrl", r.url() + "/" + LocalAws.ACCOUNT + "/" + queueName(r, "-dlq"));
            out.put("deadLetterArn", "arn:aws:sqs:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":" + queueName(r, "-dlq"));
        }
        return out;
    }
}

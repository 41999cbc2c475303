package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jiti.api.Diagnostic;
import io.jiti.api.InvalidStackException;
import io.jiti.api.Particle;
import io.jiti.api.Stack;
import io.jiti.load.StackLoader;
import io.jiti.plan.Graph;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code connect} on the local provider: conventional variables as references, dependencies, and clear errors. */
class LocalConnectTest {
    private static final String STACK = """
            stack: shop
            particles:
              - name: web
                type: service
                spec:
                  command: java -jar app.jar
                  connect: [orders-db, uploads, jobs, other-db]
                  env:
                    AWS_REGION: eu-west-1
              - name: orders-db
                type: postgres
              - name: uploads
                type: bucket
              - name: jobs
                type: queue
              - name: other-db
                type: postgres
            """;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Stack stack, String particle) {
        Particle p = stack.particles().stream().filter(x -> x.name().equals(particle)).findFirst().orElseThrow();
        return (Map<String, Object>) p.spec().get("env");
    }

    @Test
    void connectionsBecomeReferencesInTheEnvironment() {
        Stack stack = StackLoader.builtIn().parse(STACK, "jiti.yaml", Path.of("."));
        Map<String, Object> env = env(stack, "web");
        assertThat(env).containsEntry("DATABASE_URL",
                "postgres://${orders-db.username}:${orders-db.password}@${orders-db.host}:${orders-db.port}/${orders-db.database}"
                        + "?${orders-db.ssl}");
        assertThat(env).containsEntry("PGSSLMODE", "${orders-db.sslmode}")
                .containsEntry("PGSSLROOTCERT", "${orders-db.sslrootcert}")
                .containsEntry("JDBC_DATABASE_URL", "${orders-db.url}&user=${orders-db.username}&password=${orders-db.password}");
        assertThat(env).containsEntry("PGPASSWORD", "${orders-db.password}");
        assertThat(env).containsEntry("OTHER_DB_URL",
                "postgres://${other-db.username}:${other-db.password}@${other-db.host}:${other-db.port}/${other-db.database}"
                        + "?${other-db.ssl}");
        assertThat(env).containsEntry("AWS_ENDPOINT_URL_S3", "${uploads.endpoint}")
                .containsEntry("AWS_ACCESS_KEY_ID", "${uploads.accessKeyId}")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "${uploads.secretAccessKey}")
                .containsEntry("UPLOADS_BUCKET", "${uploads.name}")
                .containsEntry("AWS_ENDPOINT_URL_SQS", "${jobs.endpoint}")
                .containsEntry("JOBS_QUEUE_URL", "${jobs.url}");
        // the spec's own env wins over every connection
        assertThat(env).containsEntry("AWS_REGION", "eu-west-1");
        assertThat(Graph.of(stack).dependenciesOf("web")).containsExactlyInAnyOrder("orders-db", "uploads", "jobs",
                "other-db");
    }

    @Test
    void placeholderCredentialsOnlyWithoutABucket() {
        Stack stack = StackLoader.builtIn().parse("""
                stack: s
                particles:
                  - name: worker
                    type: job
                    spec:
                      command: ./work
                      connect: [jobs]
                  - name: jobs
                    type: queue
                """, "jiti.yaml", Path.of("."));
        assertThat(env(stack, "worker")).containsEntry("AWS_ACCESS_KEY_ID", "jitilocal");
    }

    @Test
    void unknownOrUnconnectableParticlesAreReportedWhereTheyAre() {
        InvalidStackException e = catchThrowableOfType(InvalidStackException.class, () -> StackLoader.builtIn().parse("""
                stack: s
                particles:
                  - name: web
                    type: service
                    spec:
                      command: ./run
                      connect: [db, conf]
                  - name: conf
                    type: file
                    spec:
                      filename: a.txt
                      content: x
                """, "jiti.yaml", Path.of(".")));
        assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "jiti.yaml:7:17: connect names an unknown particle 'db' (particles: web, conf)",
                "jiti.yaml:7:21: cannot connect to 'conf': type file offers no connection (types that do: bucket, "
                        + "postgres, queue, table)");
    }
}

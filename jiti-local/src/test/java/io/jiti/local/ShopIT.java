package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/shop} as a user runs it: jiti builds the app with its Maven wrapper and wires in a
 * PostgreSQL, a bucket and a queue; a POST and a GET through the service's URL show the order (from the
 * database), the object (from the bucket) and the message (from the queue).
 */
class ShopIT {
    private static final Path SHOP = Path.of("../examples/shop").toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void anOrderLandsInTheDatabaseTheBucketAndTheQueue() throws Exception {
        Path dir = AgentFixture.copyApp(SHOP);
        Stack stack = StackLoader.builtIn().load(dir);
        try (AgentFixture f = new AgentFixture()) {
            f.track("shop");
            ApplyReport up = f.reconciler().apply(stack);
            assertThat(up.ok()).as("%s", up.problems()).isTrue();
            String url = (String) up.output("web", "url");

            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(url + "/orders?item=book"))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString("a photo of a book"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
            assertThat(posted.body()).startsWith("{\"id\":1,\"item\":\"book\",\"object\":\"orders/1\",\"message\":\"");

            HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(url + "/orders/1"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
            assertThat(got.body()).isEqualTo("{\"id\":1,\"item\":\"book\",\"object\":\"a photo of a book\","
                    + "\"message\":{\"orderId\":1,\"item\":\"book\"}}");

            // the home is private: nothing in it (data, logs, secrets, binaries, sockets) is open to others
            try (var files = Files.walk(f.home)) {
                assertThat(files.filter(p -> {
                    try {
                        return Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).stream()
                                .anyMatch(x -> x.name().startsWith("OTHERS") || x.name().startsWith("GROUP"))
                                && !Files.isSymbolicLink(p);
                    } catch (java.io.IOException e) {
                        return false; // gone meanwhile
                    }
                }).map(Path::toString).toList()).isEmpty();
            }

            Reconciler force = new Reconciler(f.provider, ApplyListener.none(), ApplyOptions.defaults().withForce(true));
            assertThat(force.destroy("shop").ok()).isTrue();
        }
    }
}

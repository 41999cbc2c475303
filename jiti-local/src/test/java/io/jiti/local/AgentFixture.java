package io.jiti.local;

import static org.awaitility.Awaitility.await;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyListener;
import io.jiti.engine.ApplyOptions;
import io.jiti.engine.Reconciler;
import io.jiti.load.StackLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A temporary home with its own agent, torn down with every process it started, then removed. */
final class AgentFixture implements AutoCloseable {
    static final Path HELLO = Path.of("../examples/hello").toAbsolutePath().normalize();
    final Path home;
    final LocalProvider provider;
    private final List<String> stacks = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    AgentFixture() throws IOException {
        home = io.jiti.testkit.TestDirs.create("jiti-it");
        provider = new LocalProvider(home, Duration.ofSeconds(60));
    }

    Reconciler reconciler() {
        return new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults());
    }

    /** The hello example under another stack name, with a given number of instances. */
    Stack hello(String name, int instances) throws IOException {
        String text = Files.readString(HELLO.resolve("jiti.yaml"))
                .replace("stack: hello", "stack: " + name)
                .replace("instances: 2", "instances: " + instances);
        stacks.add(name);
        return StackLoader.builtIn().parse(text, "jiti.yaml", HELLO);
    }

    /** A copy of an example app in a temporary directory, without its build output ({@code target}). */
    static Path copyApp(Path app) throws IOException {
        return io.jiti.testkit.TestDirs.copyApp(app, "jiti-build");
    }

    /** A JSON file of the home, read. */
    static com.fasterxml.jackson.databind.JsonNode json(Path file) throws IOException {
        return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(file.toFile());
    }

    /** Destroys {@code stack} at close, with every process it started. */
    void track(String stack) {
        stacks.add(stack);
    }

    /** The body of a GET, or null when the connection fails. */
    String body(String url) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The status code of a GET, or -1 when the connection fails. */
    int get(String url) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        for (String s : stacks) {
            new Reconciler(provider, ApplyListener.none(), ApplyOptions.defaults().withForce(true)).destroy(s);
        }
        stopAndRemove(home);
    }

    /**
     * Stops the agent of {@code home} (its watchdog and, with nothing left to serve, its balancer host end
     * with it), waits until they are gone, then removes the home: binaries and kits make one tens of MB.
     */
    static void stopAndRemove(Path home) {
        AgentClient agent = new AgentClient(new Home(home));
        AgentInfo info = agent.running().orElse(null);
        agent.shutdown();
        if (info != null) {
            List<Long> pids = new ArrayList<>(List.of(info.pid(), info.watchdog()));
            try {
                pids.add(com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                        .readTree(home.resolve("agent/balancer.json").toFile()).path("pid").asLong());
            } catch (IOException e) {
                // no host was started
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> pids.stream().allMatch(p -> p == 0
                    || ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true)));
        }
        try {
            DurableFiles.deleteTree(home);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the test home " + home, e);
        }
    }
}

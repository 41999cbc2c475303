package io.jiti.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.jiti.api.JitiException;
import io.jiti.spi.Observed;
import io.jiti.spi.ProviderException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Talks to the agent of a home over its control API, starting the agent when none answers. */
public final class AgentClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private final Home home;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Endpoint endpoint;

    private record Endpoint(AgentInfo info, String token) {
    }

    public AgentClient(Home home) {
        this.home = home;
    }

    /** The running agent's info, starting an agent if none answers. */
    public synchronized AgentInfo ensureRunning() {
        Endpoint e = endpoint;
        if (e != null && ping(e)) {
            return e.info();
        }
        endpoint = AgentLauncher.ensure(home, this::readEndpoint, this::ping, Endpoint::info);
        return endpoint.info();
    }

    /** The agent's info if one runs now; starts nothing. */
    public Optional<AgentInfo> running() {
        Optional<Endpoint> e = readEndpoint();
        return e.filter(this::ping).map(Endpoint::info);
    }

    public List<Observed> list(String stack, String type) {
        return call("GET", "/v1/stacks/" + enc(stack) + "/particles?type=" + enc(type), null,
                new TypeReference<List<Observed>>() { }).orElse(List.of());
    }

    public Optional<Observed> read(String stack, String name) {
        return call("GET", path(stack, name), null, new TypeReference<Observed>() { });
    }

    public Observed put(String stack, String name, ParticleRequest req) {
        return call("PUT", path(stack, name), req, new TypeReference<Observed>() { })
                .orElseThrow(() -> new ProviderException("agent lost " + name, true));
    }

    public void delete(String stack, String name) {
        call("DELETE", path(stack, name), null, new TypeReference<JsonNode>() { });
    }

    public Observed setRunning(String stack, String name, boolean running) {
        return call("POST", path(stack, name) + (running ? "/start" : "/stop"), null, new TypeReference<Observed>() { })
                .orElseThrow(() -> new ProviderException("agent lost " + name, true));
    }

    /** Rotates a secret ({@code supplied}: its new value when it comes from the environment). */
    public List<String> rotate(String stack, String name, Map<String, String> supplied) {
        return call("POST", path(stack, name) + "/rotate", Map.of("supplied", supplied),
                new TypeReference<Map<String, List<String>>>() { })
                .map(m -> m.getOrDefault("restarting", List.of()))
                .orElseThrow(() -> new JitiException("no particle " + name + " in stack " + stack));
    }

    /** Sends the particle's log lines to {@code sink}; with {@code follow}, until the thread is interrupted. */
    public void logs(String stack, String name, boolean follow, Consumer<String> sink) {
        ensureRunning();
        Endpoint e = endpoint;
        HttpRequest req = request(e, path(stack, name) + "/logs?follow=" + follow).GET().build();
        try {
            HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() != 200) {
                throw new JitiException(error(new String(res.body().readAllBytes(), StandardCharsets.UTF_8)));
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && !Thread.currentThread().isInterrupted()) {
                    sink.accept(line);
                }
            }
        } catch (IOException ex) {
            throw new ProviderException("reading logs from the agent failed: " + ex.getMessage(), true, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the agent to exit; its instances keep running. */
    public void shutdown() {
        Optional<Endpoint> e = readEndpoint();
        if (e.isPresent() && ping(e.get())) {
            try {
                http.send(request(e.get(), "/v1/shutdown").POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException ex) {
                // it went away already
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        endpoint = null;
    }

    private <T> Optional<T> call(String method, String path, Object body, TypeReference<T> type) {
        for (int attempt = 0; ; attempt++) {
            ensureRunning();
            Endpoint e = endpoint;
            try {
                HttpRequest.BodyPublisher pub = body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
                HttpResponse<String> res = http.send(request(e, path).method(method, pub)
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 404 && method.equals("GET")) {
                    return Optional.empty();
                }
                if (res.statusCode() >= 300) {
                    throw new ProviderException(error(res.body()), res.statusCode() >= 502);
                }
                return Optional.ofNullable(Json.MAPPER.readValue(res.body(), type));
            } catch (ConnectException ex) {
                endpoint = null;
                if (attempt >= 1) {
                    throw new ProviderException("the agent does not answer: " + ex.getMessage(), true, ex);
                }
            } catch (HttpTimeoutException ex) {
                throw new ProviderException("the agent did not answer in time", true, ex);
            } catch (IOException ex) {
                throw new ProviderException("talking to the agent failed: " + ex.getMessage(), true, ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new ProviderException("interrupted", false, ex);
            }
        }
    }

    private HttpRequest.Builder request(Endpoint e, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.info().port() + path))
                .timeout(CALL_TIMEOUT).header("Authorization", "Bearer " + e.token());
    }

    private boolean ping(Endpoint e) {
        try {
            HttpResponse<Void> res = http.send(request(e, "/v1/health").timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return res.statusCode() == 200;
        } catch (IOException ex) {
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Optional<Endpoint> readEndpoint() {
        try {
            if (!Files.exists(home.agentInfo()) || !Files.exists(home.token())) {
                return Optional.empty();
            }
            AgentInfo info = Json.MAPPER.readValue(home.agentInfo().toFile(), AgentInfo.class);
            return Optional.of(new Endpoint(info, Files.readString(home.token()).trim()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String error(String body) {
        try {
            return Json.MAPPER.readTree(body).path("error").asText(body);
        } catch (IOException e) {
            return body;
        }
    }

    private static String path(String stack, String name) {
        return "/v1/stacks/" + enc(stack) + "/particles/" + enc(name);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

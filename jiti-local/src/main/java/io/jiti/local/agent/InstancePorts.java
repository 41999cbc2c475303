package io.jiti.local.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a service's instances listen on, against what they should. An instance that listens, but not on its
 * {@code $PORT} (an app with a fixed port, such as Tomcat's 8080), can never become ready: that is said at
 * once, as the service's failure, instead of after the ready timeout. A ready instance that listens on
 * every interface is reachable from the network around the loopback-only balancer: status warns about it.
 */
final class InstancePorts {
    /** How long an instance may take to bind its first port before its sockets are looked at. */
    static final long SETTLE_MILLIS = 1000;
    /** The variables that frameworks read their port from; each is set to the instance's port. */
    static final List<String> PORT_VARIABLES = List.of("SERVER_PORT", "QUARKUS_HTTP_PORT", "MICRONAUT_SERVER_PORT",
            "UVICORN_PORT", "FLASK_RUN_PORT");
    /** The variables that frameworks read the address to bind from; each is set to 127.0.0.1. */
    static final List<String> HOST_VARIABLES = List.of("SERVER_ADDRESS", "HOST", "QUARKUS_HTTP_HOST",
            "MICRONAUT_SERVER_HOST", "UVICORN_HOST", "FLASK_RUN_HOST");
    private final Map<String, String> warnings = new HashMap<>();
    private volatile String problem;
    private volatile String warning;

    /** The conventional port and bind variables for an instance on {@code port} (the stack's env wins over them). */
    static Map<String, String> conventions(int port) {
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        PORT_VARIABLES.forEach(v -> vars.put(v, Integer.toString(port)));
        HOST_VARIABLES.forEach(v -> vars.put(v, "127.0.0.1"));
        vars.put("GUNICORN_CMD_ARGS", "--bind=127.0.0.1:" + port);
        return vars;
    }

    /** Looks at the sockets of {@code current} (instances of the current spec) that are not ready yet, and of new ready ones. */
    void update(List<ServiceInstance> current, long now) {
        String found = null;
        for (ServiceInstance i : current) {
            if (!i.ready() && now - i.startedAt() >= SETTLE_MILLIS && i.process().alive()) {
                Map<Integer, Boolean> ports = ListeningSockets.of(i.process().pid());
                if (found == null && !ports.isEmpty() && !ports.containsKey(i.port())) {
                    found = "instance " + i.id() + " listens on " + list(ports) + ", not on $PORT=" + i.port()
                            + ": make the app listen on $PORT (jiti also sets SERVER_PORT and the like; see the README)";
                }
            } else if (i.ready() && !warnings.containsKey(i.id())) {
                Map<Integer, Boolean> ports = ListeningSockets.of(i.process().pid());
                warnings.put(i.id(), ports.entrySet().stream().anyMatch(Map.Entry::getValue)
                        ? "instance " + i.id() + " listens on every interface (" + list(ports) + "), so the network"
                        + " around this machine reaches it past the balancer: bind 127.0.0.1 (SERVER_ADDRESS and HOST"
                        + " say so)" : "");
            }
        }
        warnings.keySet().retainAll(current.stream().map(ServiceInstance::id).collect(Collectors.toSet()));
        problem = found;
        warning = warnings.values().stream().filter(w -> !w.isEmpty()).findFirst().orElse(null);
    }

    /** Why the current spec's instances cannot become ready, or null. */
    String problem() {
        return problem;
    }

    /** What a ready instance does that it should not, or null. */
    String warning() {
        return warning;
    }

    private static String list(Map<Integer, Boolean> ports) {
        return ports.entrySet().stream().map(e -> (e.getValue() ? "*:" : ":") + e.getKey())
                .collect(Collectors.joining(", "));
    }
}

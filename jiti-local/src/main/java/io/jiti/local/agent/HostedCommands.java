package io.jiti.local.agent;

import io.jiti.command.CommandHost;
import io.jiti.command.Invocation;
import io.jiti.local.CommandOutput;
import io.jiti.local.Home;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /v1/commands}: runs a command line for a CLI of this agent's very build
 * ({@link io.jiti.local.AgentForwarder}) with the {@link CommandHost} on the class path (the CLI's), and
 * answers its exit code and output ({@link CommandOutput}). Anything else is refused, and the CLI then runs
 * the command itself: another build (409), a home other than this agent's (409), a command the host does
 * not take (404), too many at once (503). Bounded: {@link #MAX_RUNNING} at once, since a hosted command
 * calls this API back through the provider and must never hold all of its threads, and at most
 * {@link #MAX_OUTPUT} bytes of output each.
 */
final class HostedCommands {
    static final int MAX_RUNNING = 4;
    static final int MAX_OUTPUT = 8 << 20;
    private final Home home;
    private final String build;
    private final Semaphore running = new Semaphore(MAX_RUNNING);
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> answered =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Optional<CommandHost> host;

    /** Commands for CLIs of {@code build} (null: for none) in {@code home}. */
    HostedCommands(Home home, String build) {
        this.home = home;
        this.build = build;
    }

    void answer(ApiExchange ex) throws IOException {
        CommandRequest request = ex.body(new com.fasterxml.jackson.core.type.TypeReference<CommandRequest>() { });
        if (request == null) {
            throw new Agent.AgentException(400, "body: a command request expected");
        }
        Invocation invocation = request.invocation();
        if (build == null || !build.equals(request.build())) {
            throw new Agent.AgentException(409, "this agent runs another build of jiti; the CLI runs the command itself");
        }
        CommandHost host = host().filter(h -> h.hosts(invocation.args())).orElseThrow(() -> new Agent.AgentException(
                404, "args: '" + invocation.args().get(0) + "' is not a command the agent runs"));
        if (!sameFile(invocation.context().home(), home.root())) {
            throw new Agent.AgentException(409, "env.JITI_HOME: the command is for another home than this agent's");
        }
        if (!running.tryAcquire()) {
            throw new Agent.AgentException(503, "the agent runs " + MAX_RUNNING + " commands already");
        }
        try {
            Bounded out = new Bounded();
            Bounded err = new Bounded();
            int code;
            try (PrintWriter o = writer(out); PrintWriter e = writer(err)) {
                code = host.run(invocation, o, e);
            }
            if (out.overflowed || err.overflowed) {
                throw new Agent.AgentException(413, "the command printed more than " + MAX_OUTPUT + " bytes");
            }
            ex.bytes(200, "application/vnd.jiti.command-output",
                    new CommandOutput(code, out.toByteArray(), err.toByteArray()).encode());
            answered.computeIfAbsent(invocation.args().get(0), c -> new java.util.concurrent.atomic.LongAdder()).increment();
        } finally {
            running.release();
        }
    }

    /** The commands answered so far, in the Prometheus text format. */
    String prometheus() {
        StringBuilder out = new StringBuilder("# HELP jiti_agent_commands_total CLI commands the agent answered for a CLI"
                + " of its build.\n# TYPE jiti_agent_commands_total counter\n");
        new java.util.TreeMap<>(answered).forEach((command, n) -> out.append("jiti_agent_commands_total{command=\"")
                .append(command).append("\"} ").append(n.sum()).append('\n'));
        return out.toString();
    }

    private Optional<CommandHost> host() {
        if (host == null) {
            host = ServiceLoader.load(CommandHost.class).findFirst();
        }
        return host;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static PrintWriter writer(Bounded to) {
        return new PrintWriter(new OutputStreamWriter(to, StandardCharsets.UTF_8));
    }

    /** Output kept up to {@link #MAX_OUTPUT} bytes; what comes after is dropped and remembered. */
    private static final class Bounded extends ByteArrayOutputStream {
        boolean overflowed;

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + len > MAX_OUTPUT) {
                overflowed = true;
                return;
            }
            super.write(b, off, len);
        }
    }
}

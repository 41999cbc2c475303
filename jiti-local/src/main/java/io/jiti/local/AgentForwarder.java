package io.jiti.local;

import io.jiti.api.JitiException;
import io.jiti.command.CommandForwarder;
import io.jiti.command.Invocation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Hands a command line to the home's running agent ({@code POST /v1/commands}) when that agent was started
 * from this very jar ({@link OwnJar#identity}): the agent has the stack loader, its schemas and the
 * provider warm, and answers in a few milliseconds what costs a new JVM a third of a second. It starts no
 * agent, and it gives up quietly (the CLI then runs the command itself) when none runs, when the agent
 * runs another build, or when anything in the exchange goes wrong. The home must be this user's and not
 * writable by others, and the socket's peer this user ({@link AgentSocket}), before anything is sent.
 *
 * <p>The request is a small JSON document written here by hand: loading a JSON library would cost the CLI
 * about as much as the agent saves it.
 */
public final class AgentForwarder implements CommandForwarder {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Override
    public OptionalInt forward(Invocation invocation, OutputStream out, OutputStream err) {
        Optional<String> build = OwnJar.identity();
        Home home = new Home(invocation.context().home());
        if (build.isEmpty() || !Files.exists(home.agentSocket())) {
            return OptionalInt.empty();
        }
        try {
            PrivateFiles.requireTrusted(home.root());
            PrivateFiles.requireTrusted(home.agentDir());
            byte[] body = request(invocation, build.get()).getBytes(StandardCharsets.UTF_8);
            AgentSocket.Answer answer = AgentSocket.exchange(home.agentSocket(), "POST", "/v1/commands", body, TIMEOUT);
            if (answer.status() != 200) {
                return OptionalInt.empty(); // another build (409), busy (503), ...: the CLI runs it itself
            }
            Optional<CommandOutput> output = CommandOutput.parse(answer.body());
            if (output.isEmpty()) {
                return OptionalInt.empty();
            }
            out.write(output.get().out());
            out.flush();
            err.write(output.get().err());
            err.flush();
            return OptionalInt.of(output.get().exitCode());
        } catch (IOException | JitiException e) {
            return OptionalInt.empty(); // the CLI's own run reports what is wrong, if anything still is
        }
    }

    /** The request: {@code {"args": [...], "workDir": "...", "env": {...}, "color": B, "build": "..."}}. */
    public static String request(Invocation invocation, String build) {
        StringBuilder json = new StringBuilder("{\"args\":[");
        for (int i = 0; i < invocation.args().size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(invocation.args().get(i)));
        }
        json.append("],\"workDir\":").append(quote(invocation.workDir().toString())).append(",\"env\":{");
        int i = 0;
        for (Map.Entry<String, String> e : invocation.env().entrySet()) {
            json.append(i++ == 0 ? "" : ",").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
        }
        return json.append("},\"color\":").append(invocation.color()).append(",\"build\":").append(quote(build))
                .append('}').toString();
    }

    /** {@code s} as a JSON string. */
    static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}

package io.jiti.local;

import io.jiti.api.JitiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.0 exchange with the agent over its Unix domain socket. The JDK's HTTP client cannot use a
 * Unix domain socket and a library client costs the CLI a third of a second to start, so the request is
 * written and the answer read here: a request line, three headers and a JSON body; a status line, headers
 * and a body that ends with the connection. Before anything is sent, the peer's credentials
 * ({@code SO_PEERCRED}) must show this user: no other user's process can receive a request.
 */
final class AgentSocket {
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-socket-deadline");
        t.setDaemon(true);
        return t;
    });
    private static final int MAX_HEAD = 16 * 1024;

    private AgentSocket() {
    }

    /** Nothing listens on the socket (no agent, or a dead one's socket file): nothing was sent. */
    static final class NotListening extends IOException {
        private static final long serialVersionUID = 1L;

        NotListening(String message) {
            super(message);
        }
    }

    /** An answer: its status and body. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Where an answer's body goes as it arrives (for a followed log), knowing the answer's status. */
    interface BodyReader {
        void read(int status, InputStream body) throws IOException;
    }

    /**
     * Sends {@code method path} with {@code body} (null for none) and returns the answer, within {@code timeout}.
     *
     * @throws NotListening when nothing listens on the socket (no agent); nothing was sent
     * @throws IOException when the exchange fails or takes longer than {@code timeout}
     */
    static Answer exchange(Path socket, String method, String path, byte[] body, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = exchange(socket, method, path, body, timeout, (s, in) -> in.transferTo(out));
        return new Answer(status, out.toByteArray());
    }

    /** As above, with the answer's body handed to {@code reader} as it arrives; returns the status. */
    static int exchange(Path socket, String method, String path, byte[] body, Duration timeout, BodyReader reader)
            throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ScheduledFuture<?> deadline = timeout == null ? null
                    : DEADLINES.schedule(() -> close(ch), timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                try {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                } catch (java.net.SocketException e) {
                    throw new NotListening(socket + ": " + e.getMessage());
                }
                SocketPeer.requireSameUser(ch, socket);
                OutputStream os = Channels.newOutputStream(ch);
                byte[] payload = body == null ? new byte[0] : body;
                // a StringBuilder, not '+': the first string concatenation of a JVM costs the CLI 20 ms
                String head = new StringBuilder(128).append(method).append(' ').append(path)
                        .append(" HTTP/1.0\r\nHost: jiti-agent\r\nContent-Type: application/json\r\nContent-Length: ")
                        .append(payload.length).append("\r\n\r\n").toString();
                IOException unsent = null;
                try {
                    os.write(head.getBytes(StandardCharsets.US_ASCII));
                    os.write(payload);
                    os.flush();
                } catch (IOException e) {
                    unsent = e; // the agent may have answered (and closed) before taking the whole request
                }
                InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch), 8192); // not a read per byte
                int status;
                try {
                    status = readHead(in);
                } catch (IOException e) {
                    if (unsent != null) {
                        unsent.addSuppressed(e);
                        throw unsent;
                    }
                    throw e;
                }
                reader.read(status, in);
                return status;
            } catch (java.nio.channels.AsynchronousCloseException e) {
                throw new java.net.SocketTimeoutException("the agent did not answer within " + timeout.toSeconds() + "s");
            } finally {
                if (deadline != null) {
                    deadline.cancel(false);
                }
            }
        }
    }

    /** Reads the status line and headers; returns the status. */
    private static int readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() > MAX_HEAD) {
                throw new IOException("the agent's answer has a head longer than " + MAX_HEAD + " bytes");
            }
            if (c == '\n' && head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        String status = head.toString().split("\r\n", 2)[0];
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new IOException("the agent answered something that is not HTTP: " + status);
        }
        return Integer.parseInt(parts[1]);
    }

    private static void close(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}

package io.jiti.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a hosted command printed and its exit code, as the agent answers {@code POST /v1/commands}: the body
 * is {@code EXIT\nOUT_LENGTH\n}, then the standard output's bytes, then the standard error's.
 *
 * @param exitCode the command's exit code
 * @param out      its standard output
 * @param err      its standard error
 */
public record CommandOutput(int exitCode, byte[] out, byte[] err) {
    /** The answer's body. */
    public byte[] encode() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(out.length + err.length + 24);
        body.writeBytes((exitCode + "\n" + out.length + "\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(out);
        body.writeBytes(err);
        return body.toByteArray();
    }

    /** The output an answer's body holds; empty when it is not one. */
    public static Optional<CommandOutput> parse(byte[] body) {
        int first = indexOf(body, 0);
        int second = first < 0 ? -1 : indexOf(body, first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        int exit = number(body, 0, first);
        int outLength = number(body, first + 1, second);
        int start = second + 1;
        if (exit < 0 || exit > 255 || outLength < 0 || outLength > body.length - start) {
            return Optional.empty();
        }
        return Optional.of(new CommandOutput(exit, Arrays.copyOfRange(body, start, start + outLength),
                Arrays.copyOfRange(body, start + outLength, body.length)));
    }

    /** The decimal number in {@code body[from, to)}, or -1 when it is not one. */
    private static int number(byte[] body, int from, int to) {
        if (to <= from || to - from > 9) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            if (body[i] < '0' || body[i] > '9') {
                return -1;
            }
            n = n * 10 + body[i] - '0';
        }
        return n;
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i < body.length && i < from + 16; i++) {
            if (body[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}

package io.jiti.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The answer of {@code POST /v1/commands}: what is encoded is parsed back, anything else is no answer. */
class CommandOutputTest {

    @Property(tries = 300)
    void whatIsEncodedParsesBack(@ForAll @IntRange(max = 255) int code, @ForAll byte[] out, @ForAll byte[] err) {
        CommandOutput parsed = CommandOutput.parse(new CommandOutput(code, out, err).encode()).orElseThrow();
        assertThat(parsed.exitCode()).isEqualTo(code);
        assertThat(parsed.out()).isEqualTo(out);
        assertThat(parsed.err()).isEqualTo(err);
    }

    @Property(tries = 1000)
    void randomBytesAreNoAnswerOrAWellFormedOne(@ForAll byte[] body) {
        CommandOutput.parse(body).ifPresent(o -> {
            assertThat(o.exitCode()).isBetween(0, 255);
            assertThat(o.out().length + o.err().length).isLessThan(body.length);
        });
    }

    @Test
    void malformedHeadsAreNoAnswer() {
        for (String body : new String[] {"", "0", "0\n", "0\n5\nabc", "-1\n0\n", "256\n0\n", "x\n0\n", "0\n-0\n",
                "0\n9999999999\n", "0\n1 \nx"}) {
            assertThat(CommandOutput.parse(body.getBytes(StandardCharsets.US_ASCII))).as(body).isEmpty();
        }
        assertThat(CommandOutput.parse("2\n3\noutERR".getBytes(StandardCharsets.US_ASCII)).orElseThrow().err())
                .isEqualTo("ERR".getBytes(StandardCharsets.US_ASCII));
    }
}

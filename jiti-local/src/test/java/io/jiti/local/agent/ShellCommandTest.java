package io.jiti.local.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellCommandTest {
    @Test
    void simpleCommandsAreExeced() {
        assertThat(ShellCommand.argv(" java -cp build Hello ", "0022")).containsExactly("sh", "-c",
                "umask 0022; exec java -cp build Hello");
        assertThat(ShellCommand.argv("node server.js --port $PORT", "0002")).containsExactly("sh", "-c",
                "umask 0002; exec node server.js --port $PORT");
    }

    @Test
    void compoundCommandsRunAsWritten() {
        for (String cmd : new String[] {"cd app && java Main", "a; b", "a | b", "FOO=1 java X", "java X > log",
                "echo $(date)", "if true; then x; fi", "cd dir"}) {
            assertThat(ShellCommand.argv(cmd, "0022")).as(cmd).containsExactly("sh", "-c", "umask 0022; " + cmd);
        }
    }
}

package io.jiti.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiti.api.Stack;
import io.jiti.engine.ApplyReport;
import io.jiti.engine.ParticleResult;
import io.jiti.load.StackLoader;
import io.jiti.plan.Action;
import io.jiti.plan.Plan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A failed {@code up} says what keeps running in the background and how to stop it. */
class UpFailureTest {

    private static String finish(Stack s, ParticleResult... results) {
        StringWriter err = new StringWriter();
        Terminal t = new Terminal(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), false);
        assertThat(UpCommand.finish(t, new ApplyReport(new Plan(s.name(), List.of()), List.of(results), Map.of()), s))
                .isEqualTo(ExitCodes.FAILED);
        return err.toString();
    }

    @Test
    void aFailedServiceSaysTheAgentGoesOnWithItAndHowToStopIt() {
        Stack s = StackLoader.builtIn().parse("stack: s\nparticles:\n  - {name: web, type: service, spec: {command: x}}\n"
                + "  - {name: f, type: file, spec: {content: x}}\n", "jiti.yaml", Path.of("."));
        String err = finish(s, new ParticleResult.Failed("web", Action.CREATE, "timed out after 120s"));
        assertThat(err).contains("web (create): timed out after 120s")
                .contains("What keeps running: the agent goes on with web in the background")
                .contains("'jiti down' or 'state: stopped'").contains("'jiti logs web'");
        assertThat(finish(s, new ParticleResult.Failed("f", Action.CREATE, "disk full")))
                .doesNotContain("What keeps running");
    }
}

package io.jiti.platform.deploy;

import io.jiti.api.Stack;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.TemplateVersion;
import java.util.List;

/** Judges the planned stack of a deployment before anything changes: policies that deny or warn. */
@FunctionalInterface
public interface Guardrail {

    /** What the policies say of {@code stack}, the stack {@code deployment} would apply. */
    List<Verdict> judge(Deployment deployment, Environment environment, TemplateVersion version, Stack stack);

    /**
     * One policy's finding.
     *
     * @param policy  its name
     * @param deny    whether it refuses the deployment (otherwise it warns)
     * @param message why, for people
     */
    record Verdict(String policy, boolean deny, String message) {
    }

    /** No policies. */
    static Guardrail none() {
        return (d, e, v, s) -> List.of();
    }
}

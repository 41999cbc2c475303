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

    /** What {@code a} and then {@code b} say. */
    static Guardrail both(Guardrail a, Guardrail b) {
        return (d, e, v, s) -> {
            java.util.List<Verdict> out = new java.util.ArrayList<>(a.judge(d, e, v, s));
            out.addAll(b.judge(d, e, v, s));
            return out;
        };
    }

    /** No policies. */
    static Guardrail none() {
        return (d, e, v, s) -> List.of();
    }
}

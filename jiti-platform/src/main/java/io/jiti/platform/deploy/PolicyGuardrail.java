package io.jiti.platform.deploy;

import io.jiti.api.Stack;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Policy;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.store.Store;
import java.util.ArrayList;
import java.util.List;

/** The guardrail of the policies in the store: each one's expression must hold, or it denies or warns. */
public final class PolicyGuardrail implements Guardrail {
    private final Store store;
    private final CelPolicies cel;

    /** The policies of {@code store}, compiled by {@code cel}. */
    public PolicyGuardrail(Store store, CelPolicies cel) {
        this.store = store;
        this.cel = cel;
    }

    @Override
    public List<Verdict> judge(Deployment deployment, Environment environment, TemplateVersion version, Stack stack) {
        List<Policy> policies = store.policies();
        if (policies.isEmpty()) {
            return List.of();
        }
        String team = deployment.target().isInstance()
                ? store.service(deployment.target().service()).map(s -> s.team()).orElse("") : "";
        PolicyInput input = PolicyInput.of(deployment, environment, version, team, stack);
        List<Verdict> out = new ArrayList<>();
        for (Policy p : policies) {
            CelPolicies.Outcome o = cel.evaluate(p.expression(), input);
            if (!o.holds()) {
                out.add(new Verdict(p.name(), p.deny(), o.error() == null ? p.message()
                        : p.message() + " (the expression could not be evaluated: " + o.error() + ")"));
            }
        }
        return out;
    }
}

package io.jiti.platform;

import io.jiti.platform.deploy.CelPolicies;
import io.jiti.platform.model.Policy;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.util.List;

/**
 * Guardrails: CEL expressions every deployment's planned stack must satisfy, each denying or warning with a
 * message (admins add and remove them; everyone reads them).
 */
public final class Policies {
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final CelPolicies cel;

    Policies(Store store, Clock clock, AuditLog audit, CelPolicies cel) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.cel = cel;
    }

    /** Adds a policy; its expression is compiled first (a mistake is bad input in {@code cel}). */
    public Policy add(Caller caller, String name, String expression, String message, boolean deny) {
        Names.check("name", name);
        if (message == null || message.isBlank() || message.length() > 500) {
            throw PlatformException.badInput("message", "message is required: what is wrong when the expression is"
                    + " false (at most 500 characters)");
        }
        return audit.guarded(caller, "policy.add", "policy/" + name, () -> {
            Access.requireAdmin(caller, "add policies");
            cel.compile(expression);
            Policy p = new Policy(name, expression, message, deny, clock.instant(), caller.user());
            return store.transaction(tx -> {
                if (!tx.insertPolicy(p)) {
                    throw PlatformException.conflict("name", "policy " + name + " exists (remove it first)");
                }
                audit.record(tx, caller.user(), "policy.add", "policy/" + name, "ok", (deny ? "deny" : "warn") + ": "
                        + expression);
                return p;
            });
        });
    }

    /** Removes a policy. */
    public void remove(Caller caller, String name) {
        audit.guarded(caller, "policy.remove", "policy/" + name, () -> {
            Access.requireAdmin(caller, "remove policies");
            return store.transaction(tx -> {
                if (!tx.deletePolicy(name)) {
                    throw PlatformException.notFound("name", "no policy " + Names.abbreviate(name));
                }
                audit.record(tx, caller.user(), "policy.remove", "policy/" + name, "ok", "");
                return null;
            });
        });
    }

    /** Every policy. */
    public List<Policy> list(Caller caller) {
        return store.policies();
    }
}

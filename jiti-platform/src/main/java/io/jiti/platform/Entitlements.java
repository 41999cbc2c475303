package io.jiti.platform;

import io.jiti.platform.model.Entitlement;
import io.jiti.platform.model.TemplateRef;
import io.jiti.platform.store.Store;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Per team, which service template majors it may use and in which environments it may deploy them. */
public final class Entitlements {
    private final Store store;
    private final AuditLog audit;

    Entitlements(Store store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /**
     * Lets {@code team} use {@code template} ({@code NAME@MAJOR}) in {@code environments} (added to what it has;
     * none: the template only, for services not yet deployed anywhere).
     */
    public Entitlement entitle(Caller caller, String team, String template, List<String> environments) {
        Names.check("team", team);
        TemplateRef ref = TemplateRef.parse("template", template);
        if (ref.minor().isPresent()) {
            throw PlatformException.badInput("template", "an entitlement is to a major: " + ref.name() + "@" + ref.major());
        }
        List<String> envs = environments == null ? List.of() : environments;
        envs.forEach(e -> Names.check("environments", e));
        return audit.guarded(caller, "entitlement.put", "team/" + team, () -> {
            Access.requireAdmin(caller, "entitle teams");
            return store.transaction(tx -> {
                if (tx.team(team).isEmpty()) {
                    throw PlatformException.notFound("team", "no team " + team);
                }
                if (tx.templates(ref.name()).isEmpty()) {
                    throw PlatformException.notFound("template", "no template " + ref.name());
                }
                for (String e : envs) {
                    if (tx.environment(e).isEmpty()) {
                        throw PlatformException.notFound("environments", "no environment " + e);
                    }
                }
                LinkedHashSet<String> all = new LinkedHashSet<>(tx.entitlement(team, ref.name(), ref.major())
                        .map(Entitlement::environments).orElse(List.of()));
                all.addAll(envs);
                Entitlement en = new Entitlement(team, ref.name(), ref.major(), List.copyOf(all));
                tx.putEntitlement(en);
                audit.record(tx, caller.user(), "entitlement.put", "team/" + team, "ok", ref + " in "
                        + (all.isEmpty() ? "no environment yet" : String.join(", ", all)));
                return en;
            });
        });
    }

    /** A team's entitlements (null: every team's). */
    public List<Entitlement> list(Caller caller, String team) {
        return store.entitlements(team);
    }

    /** The entitlement of {@code team} to {@code template@major}, or forbidden. */
    Entitlement require(String team, String template, int major) {
        Optional<Entitlement> e = store.entitlement(team, template, major);
        return e.orElseThrow(() -> PlatformException.forbidden("team " + team + " is not entitled to " + template + "@"
                + major + " (an admin grants it: jiti entitle " + team + " --template " + template + "@" + major + ")"));
    }

    /** Forbidden unless {@code team} may deploy {@code template@major} to {@code environment}. */
    void requireEnvironment(String team, String template, int major, String environment) {
        Entitlement e = require(team, template, major);
        if (!e.environments().contains(environment)) {
            throw PlatformException.forbidden("team " + team + " may not deploy " + template + "@" + major + " to "
                    + environment + " (entitled to: " + (e.environments().isEmpty() ? "no environment"
                    : String.join(", ", e.environments())) + ")");
        }
    }
}

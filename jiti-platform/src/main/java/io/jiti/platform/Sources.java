package io.jiti.platform;

import io.jiti.gitops.BranchMap;
import io.jiti.gitops.RemoteUrl;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Source;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Services' sources: the git repository a service deploys from, its stack file, its branch → environment map,
 * how often it is polled, how long a release settles; and the webhook secret (generated, shown once).
 */
public final class Sources {
    /** The fewest seconds between polls of one source. */
    public static final int MIN_POLL = 5;
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Runnable changed;

    Sources(Store store, Clock clock, AuditLog audit, Runnable changed) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.changed = changed;
    }

    /**
     * A source as just set.
     *
     * @param source        the source
     * @param webhookSecret the webhook secret when it was just made (first set, or rotated), else null: it is shown once
     */
    public record Set(Source source, String webhookSecret) {
        /** The source only. */
        @Override
        public String toString() {
            return "Set[" + source + "]";
        }
    }

    /**
     * Sets (or replaces) the source of {@code service}: {@code url}, {@code path} (null: {@code jiti.yaml}),
     * {@code branches} (pattern → environment, at least one), {@code pollSeconds} (null: 60; 0: never),
     * {@code settleSeconds} (null: 30). The webhook secret is made the first time and kept after.
     */
    public Set set(Caller caller, String service, String url, String path, Map<String, String> branches,
                   Integer pollSeconds, Integer settleSeconds) {
        Names.check("service", service);
        RemoteUrl remote = remote(url);
        String file = path == null || path.isBlank() ? Source.DEFAULT_PATH : path.strip();
        if (file.startsWith("/") || List.of(file.split("/")).contains("..") || file.length() > 400) {
            throw PlatformException.badInput("path", "a path inside the repository, such as jiti.yaml or deploy/jiti.yaml");
        }
        Map<String, String> map = branches(branches);
        int poll = pollSeconds == null ? 60 : pollSeconds;
        if (poll != 0 && (poll < MIN_POLL || poll > 86_400)) {
            throw PlatformException.badInput("pollSeconds", "0 (never) or " + MIN_POLL + " to 86400 seconds");
        }
        int settle = settleSeconds == null ? 30 : settleSeconds;
        if (settle < 0 || settle > 3600) {
            throw PlatformException.badInput("settleSeconds", "0 to 3600 seconds");
        }
        return audit.guarded(caller, "source.set", "service/" + service, () -> {
            Service s = services(service);
            Access.requireOwner(caller, s, "set the source");
            Set out = store.transaction(tx -> {
                String secret = tx.delivery().webhookSecret(service).orElse(null);
                boolean fresh = secret == null;
                Source src = new Source(service, remote.value(), file, map, poll, settle, clock.instant());
                tx.delivery().upsertSource(src, fresh ? Tokens.webhookSecret() : secret);
                audit.record(tx, caller.user(), "source.set", "service/" + service, "ok", remote.display() + " " + file
                        + ", branches " + map);
                return new Set(src, fresh ? tx.delivery().webhookSecret(service).orElseThrow() : null);
            });
            changed.run();
            return out;
        });
    }

    /** The source of {@code service}. */
    public Source get(Caller caller, String service) {
        return store.delivery().source(service).orElseThrow(() -> PlatformException.notFound("service",
                "service " + Names.abbreviate(service) + " has no source"));
    }

    /** Every source. */
    public List<Source> list(Caller caller) {
        return store.delivery().sources();
    }

    /** Makes a new webhook secret (the old one stops working at once); answers it, shown this once. */
    public String rotateSecret(Caller caller, String service) {
        return audit.guarded(caller, "source.rotate-secret", "service/" + service, () -> {
            Access.requireOwner(caller, services(service), "rotate the webhook secret");
            Source src = get(caller, service);
            String secret = Tokens.webhookSecret();
            store.transaction(tx -> {
                tx.delivery().upsertSource(src, secret);
                audit.record(tx, caller.user(), "source.rotate-secret", "service/" + service, "ok", "new webhook secret");
                return null;
            });
            return secret;
        });
    }

    /** Removes the source of {@code service}: pushes no longer deploy; what runs stays. */
    public void delete(Caller caller, String service) {
        audit.guarded(caller, "source.delete", "service/" + service, () -> {
            Access.requireOwner(caller, services(service), "remove the source");
            return store.transaction(tx -> {
                if (!tx.delivery().deleteSource(service)) {
                    throw PlatformException.notFound("service", "service " + service + " has no source");
                }
                audit.record(tx, caller.user(), "source.delete", "service/" + service, "ok", "");
                return null;
            });
        });
    }

    private Service services(String service) {
        return store.service(service).orElseThrow(() -> PlatformException.notFound("service",
                "no service " + Names.abbreviate(service)));
    }

    private static RemoteUrl remote(String url) {
        try {
            RemoteUrl r = new RemoteUrl(url == null ? "" : url);
            if (r.value().length() > 2000) {
                throw new IllegalArgumentException("too long");
            }
            return r;
        } catch (IllegalArgumentException e) {
            throw PlatformException.badInput("url", "a git URL (https://…, ssh://…, git@host:path or a local path)");
        }
    }

    private static Map<String, String> branches(Map<String, String> branches) {
        if (branches == null || branches.isEmpty()) {
            throw PlatformException.badInput("branches", "at least one branch → environment, such as main: test");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : branches.entrySet()) {
            try {
                new BranchMap.Rule(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw PlatformException.badInput("branches", ex.getMessage());
            }
            Names.check("branches", e.getValue());
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}

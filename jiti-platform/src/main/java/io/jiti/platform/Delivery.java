package io.jiti.platform;

import io.jiti.gitops.BranchMap;
import io.jiti.gitops.PushEvent;
import io.jiti.gitops.Webhooks;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.Page;
import io.jiti.platform.model.Release;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Source;
import io.jiti.platform.model.WebhookDelivery;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes reaching delivery: GitHub and GitLab webhooks (verified over the raw request bytes, deduplicated on
 * the delivery id) and polls of each source's branches. A push to a mapped branch makes a release in each of
 * its environments; a webhook and a poll of one commit deploy once; a quarantined commit never deploys again.
 * Every delivery is recorded with what became of it.
 */
public final class Delivery {
    /** How many deliveries are kept per service. */
    static final int KEEP = 500;
    private final Store store;
    private final Clock clock;
    private final Releases releases;
    private final Entitlements entitlements;
    private final Runnable wake;

    Delivery(Store store, Clock clock, Releases releases, Entitlements entitlements, Runnable wake) {
        this.store = store;
        this.clock = clock;
        this.releases = releases;
        this.entitlements = entitlements;
        this.wake = wake;
    }

    /**
     * What became of a delivery: the HTTP status a webhook answers with, the result word, a sentence, and the
     * releases it made ({@code ENV vN}).
     */
    public record Receipt(int status, String result, String message, List<String> releases) {
    }

    /** A GitHub webhook delivery: {@code headers} by lower-case name, {@code body} the raw bytes. */
    public Receipt gitHub(String service, Map<String, String> headers, byte[] body) {
        Optional<Source> src = store.delivery().source(service);
        if (src.isEmpty()) {
            return new Receipt(404, "unknown", "no service " + Names.abbreviate(service) + " with a source", List.of());
        }
        String secret = store.delivery().webhookSecret(service).orElseThrow();
        if (!Webhooks.gitHubSignatureValid(secret, body, headers.get("x-hub-signature-256"))) {
            return rejected(service, "github", headers.get("x-hub-signature-256") == null
                    ? "X-Hub-Signature-256 is missing" : "X-Hub-Signature-256 does not match the body");
        }
        String event = headers.getOrDefault("x-github-event", "");
        String id = headers.get("x-github-delivery");
        if (event.equals("ping")) {
            return record(service, "github", id, null, null, 200, "ignored", "ping: the webhook reaches jiti");
        }
        if (!event.equals("push")) {
            return record(service, "github", id, null, null, 200, "ignored", "event '" + Names.abbreviate(event)
                    + "' is not a push");
        }
        PushEvent push = parse(() -> PushEvent.gitHub(body));
        return accept(src.get(), "github", id, push);
    }

    /** A GitLab webhook delivery: {@code X-Gitlab-Token}, and its signed form when present. */
    public Receipt gitLab(String service, Map<String, String> headers, byte[] body) {
        Optional<Source> src = store.delivery().source(service);
        if (src.isEmpty()) {
            return new Receipt(404, "unknown", "no service " + Names.abbreviate(service) + " with a source", List.of());
        }
        String secret = store.delivery().webhookSecret(service).orElseThrow();
        boolean signed = headers.containsKey("webhook-signature");
        boolean ok = signed
                ? Webhooks.gitLabSignatureValid(secret, headers.get("webhook-id"), headers.get("webhook-timestamp"), body,
                        headers.get("webhook-signature"), clock.instant())
                : Webhooks.gitLabTokenValid(secret, headers.get("x-gitlab-token"));
        if (!ok) {
            return rejected(service, "gitlab", signed ? "webhook-signature does not match (or is too old)"
                    : headers.containsKey("x-gitlab-token") ? "X-Gitlab-Token does not match" : "X-Gitlab-Token is missing");
        }
        String event = headers.getOrDefault("x-gitlab-event", "");
        String id = headers.getOrDefault("webhook-id", headers.get("x-gitlab-event-uuid"));
        if (!event.equals("Push Hook")) {
            return record(service, "gitlab", id, null, null, 200, "ignored", "event '" + Names.abbreviate(event)
                    + "' is not a push");
        }
        return accept(src.get(), "gitlab", id, parse(() -> PushEvent.gitLab(body)));
    }

    /** A branch of {@code source} seen at {@code commit} by a poll. */
    Receipt polled(Source source, String branch, String commit) {
        return accept(source, "poll", null, new PushEvent(Optional.of(branch), commit, false, "poller"));
    }

    /** Deliveries of {@code service}, newest first. */
    public Page<WebhookDelivery> deliveries(Caller caller, String service, long before, int limit) {
        int n = Access.limit(limit);
        return Page.cut(store.delivery().deliveries(service, before, n + 1), n, d -> Long.toString(d.id()));
    }

    private Receipt accept(Source src, String via, String id, PushEvent push) {
        String service = src.service();
        if (push.branch().isEmpty()) {
            return record(service, via, id, null, push.commit(), 200, "ignored", "not a branch (a tag or another ref)");
        }
        String branch = push.branch().get();
        if (push.deleted()) {
            return record(service, via, id, branch, null, 200, "ignored", "branch " + branch + " was deleted");
        }
        List<String> envs = BranchMap.of(src.branches()).environmentsFor(branch);
        if (envs.isEmpty()) {
            return record(service, via, id, branch, push.commit(), 200, "ignored", "no environment is mapped to branch "
                    + branch);
        }
        Optional<String> quarantined = store.delivery().quarantined(service, push.commit());
        if (quarantined.isPresent()) {
            return record(service, via, id, branch, push.commit(), 200, "ignored", "commit " + push.commit().substring(0, 12)
                    + " is quarantined (" + quarantined.get() + "); only a newer commit deploys");
        }
        if (id != null && store.delivery().deliverySeen(service, id)) {
            return record(service, via, null, branch, push.commit(), 200, "duplicate", "replay of delivery " + id
                    + ": acknowledged, not deployed again");
        }
        String by = via.equals("poll") ? "poller" : via + ":" + Names.abbreviate(push.pusher());
        Receipt r = store.transaction(tx -> {
            if (push.commit().equals(tx.delivery().branchHead(service, branch).orElse(null))) {
                insert(tx, service, via, id, branch, push.commit(), "duplicate", "commit " + push.commit().substring(0, 12)
                        + " of " + branch + " was already delivered");
                return new Receipt(200, "duplicate", "commit already delivered", List.of());
            }
            tx.delivery().setBranchHead(service, branch, push.commit(), clock.instant());
            Service s = tx.service(service).orElseThrow();
            List<String> made = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (String env : envs) {
                Optional<Instance> i = tx.instance(service, env);
                if (i.isEmpty()) {
                    skipped.add(env + " (no instance: jiti instance create " + service + " " + env + ")");
                    continue;
                }
                try {
                    entitlements.requireEnvironment(s.team(), s.template(), s.major(), env);
                } catch (PlatformException e) {
                    skipped.add(env + " (" + e.getMessage() + ")");
                    continue;
                }
                Release rel = releases.create(tx, s, i.get(), push.commit(), branch, via.equals("poll") ? "poll" : "push",
                        by);
                made.add(env + " " + rel.label());
            }
            String message = (made.isEmpty() ? "nothing deployed" : "released " + String.join(", ", made))
                    + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped));
            insert(tx, service, via, id, branch, push.commit(), made.isEmpty() ? "ignored" : "accepted", message);
            return new Receipt(made.isEmpty() ? 200 : 202, made.isEmpty() ? "ignored" : "accepted", message, made);
        });
        wake.run();
        return r;
    }

    private Receipt rejected(String service, String via, String why) {
        store.delivery().insertDelivery(new WebhookDelivery(0, service, via, null, null, null, "rejected", why,
                clock.instant()));
        store.delivery().pruneDeliveries(service, KEEP);
        return new Receipt(401, "rejected", why, List.of());
    }

    private Receipt record(String service, String via, String id, String branch, String commit, int status,
                           String result, String why) {
        String key = id != null && store.delivery().deliverySeen(service, id) ? null : id;
        store.transaction(tx -> {
            insert(tx, service, via, key, branch, commit, result, why);
            return null;
        });
        return new Receipt(status, result, why, List.of());
    }

    private void insert(Store tx, String service, String via, String id, String branch, String commit, String result,
                        String why) {
        if (!tx.delivery().insertDelivery(new WebhookDelivery(0, service, via, id, branch, commit, result, why,
                clock.instant()))) {
            throw PlatformException.conflict("delivery", "delivery " + id + " is being handled");
        }
        tx.delivery().pruneDeliveries(service, KEEP);
    }

    private static PushEvent parse(java.util.function.Supplier<PushEvent> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int colon = m.indexOf(':');
            throw PlatformException.badInput(colon > 0 ? m.substring(0, colon) : "body", m);
        }
    }
}

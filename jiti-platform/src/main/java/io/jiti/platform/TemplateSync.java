package io.jiti.platform;

import io.jiti.blueprints.Blueprint;
import io.jiti.gitops.GitException;
import io.jiti.gitops.GitSources;
import io.jiti.gitops.PushEvent;
import io.jiti.gitops.RemoteUrl;
import io.jiti.gitops.Webhooks;
import io.jiti.platform.model.Page;
import io.jiti.platform.model.TemplateSource;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.model.WebhookDelivery;
import io.jiti.platform.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Templates from git (what Proton's template sync did): a repository laid out {@code NAME/vMAJOR/blueprint.yaml};
 * a push to its branch (webhook or poll) publishes every version the catalog does not have yet, after the
 * compatibility check, as a draft or published as the admin who set the source chose; a refused version says
 * why in the source's deliveries.
 */
public final class TemplateSync {
    private static final Pattern MAJOR_DIR = Pattern.compile("v(\\d{1,6})");
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Catalog catalog;
    private final GitSources git;
    private final Path checkouts;
    private final PollSchedule schedule = new PollSchedule();

    TemplateSync(Store store, Clock clock, AuditLog audit, Catalog catalog, GitSources git, Path workDir) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.catalog = catalog;
        this.git = git;
        this.checkouts = workDir.resolve("template-sources");
    }

    /**
     * A template source as just set.
     *
     * @param source        the source
     * @param webhookSecret the webhook secret when it was just made, else null: it is shown once
     */
    public record Set(TemplateSource source, String webhookSecret) {
        /** The source only. */
        @Override
        public String toString() {
            return "Set[" + source + "]";
        }
    }

    /** Sets (or replaces) template source {@code name} (admins); the webhook secret, made the first time, is shown once. */
    public Set set(Caller caller, String name, String url, String branch, boolean publish,
                                    Integer pollSeconds) {
        Names.check("name", name);
        RemoteUrl remote;
        try {
            remote = new RemoteUrl(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            throw PlatformException.badInput("url", "a git URL (https://…, ssh://…, git@host:path or a local path)");
        }
        String b = branch == null || branch.isBlank() ? "main" : branch.strip();
        if (!b.matches("[A-Za-z0-9._/-]{1,250}")) {
            throw PlatformException.badInput("branch", "a branch name");
        }
        int poll = pollSeconds == null ? 60 : pollSeconds;
        if (poll != 0 && (poll < Sources.MIN_POLL || poll > 86_400)) {
            throw PlatformException.badInput("pollSeconds", "0 (never) or " + Sources.MIN_POLL + " to 86400 seconds");
        }
        return audit.guarded(caller, "template-source.set", "template-source/" + name, () -> {
            Access.requireAdmin(caller, "set template sources");
            return store.transaction(tx -> {
                String secret = tx.delivery().templateSourceSecret(name).orElse(null);
                String made = secret == null ? Tokens.webhookSecret() : null;
                TemplateSource t = new TemplateSource(name, remote.value(), b, publish, poll, caller.user(), clock.instant());
                tx.delivery().upsertTemplateSource(t, secret == null ? made : secret);
                audit.record(tx, caller.user(), "template-source.set", "template-source/" + name, "ok", remote.display()
                        + " " + b + (publish ? ", publishes" : ", drafts"));
                return new Set(t, made);
            });
        });
    }

    /** Template source {@code name}. */
    public TemplateSource get(Caller caller, String name) {
        return store.delivery().templateSource(name).orElseThrow(() -> PlatformException.notFound("name",
                "no template source " + Names.abbreviate(name)));
    }

    /** Its deliveries, newest first. */
    public Page<WebhookDelivery> deliveries(Caller caller, String name, long before, int limit) {
        TemplateSource t = get(caller, name);
        int n = Access.limit(limit);
        return Page.cut(store.delivery().deliveries(t.key(), before, n + 1), n, d -> Long.toString(d.id()));
    }

    /** A GitHub webhook delivery for template source {@code name}. */
    public Delivery.Receipt gitHub(String name, Map<String, String> headers, byte[] body) {
        Optional<TemplateSource> t = store.delivery().templateSource(name);
        if (t.isEmpty()) {
            return new Delivery.Receipt(404, "unknown", "no template source " + Names.abbreviate(name), List.of());
        }
        String secret = store.delivery().templateSourceSecret(name).orElseThrow();
        if (!Webhooks.gitHubSignatureValid(secret, body, headers.get("x-hub-signature-256"))) {
            return record(t.get(), "github", null, null, null, 401, "rejected", "X-Hub-Signature-256 does not match");
        }
        String event = headers.getOrDefault("x-github-event", "");
        String id = headers.get("x-github-delivery");
        if (id != null && store.delivery().deliverySeen(t.get().key(), id)) {
            return record(t.get(), "github", null, null, null, 200, "duplicate", "replay of delivery " + id);
        }
        if (!event.equals("push")) {
            return record(t.get(), "github", id, null, null, 200, "ignored", "event '" + Names.abbreviate(event)
                    + "' is not a push");
        }
        PushEvent push;
        try {
            push = PushEvent.gitHub(body);
        } catch (IllegalArgumentException e) {
            throw PlatformException.badInput("body", e.getMessage());
        }
        if (push.deleted() || !push.branch().map(t.get().branch()::equals).orElse(false)) {
            return record(t.get(), "github", id, push.branch().orElse(null), push.commit(), 200, "ignored",
                    "not a push to " + t.get().branch());
        }
        return sync(t.get(), push.commit(), "github", id);
    }

    /** Polls the template sources whose time has come. */
    void pollDue() {
        Instant now = clock.instant();
        for (TemplateSource t : store.delivery().templateSources()) {
            if (schedule.due(t.name(), t.pollSeconds(), now)) {
                poll(t);
            }
        }
    }

    /** Polls {@code t} now; answers what became of its branch's commit (empty when the branch is unchanged). */
    public Optional<Delivery.Receipt> poll(TemplateSource t) {
        String commit;
        try {
            commit = git.branches(new RemoteUrl(t.url())).get(t.branch());
        } catch (GitException e) {
            return Optional.empty();
        }
        if (commit == null || commit.equals(store.delivery().branchHead(t.key(), t.branch()).orElse(null))) {
            return Optional.empty();
        }
        return Optional.of(sync(t, commit, "poll", null));
    }

    private Delivery.Receipt sync(TemplateSource t, String commit, String via, String id) {
        if (commit.equals(store.delivery().branchHead(t.key(), t.branch()).orElse(null))) {
            return record(t, via, id, t.branch(), commit, 200, "duplicate", "commit " + commit.substring(0, 12)
                    + " was already synced");
        }
        Path dir;
        try {
            dir = git.checkout(new RemoteUrl(t.url()), commit, checkouts.resolve(t.name()).resolve(commit));
        } catch (GitException e) {
            return record(t, via, id, t.branch(), commit, 200, "rejected", "cannot fetch " + commit + ": " + e.getMessage());
        }
        Caller as = new Caller(t.createdBy(), null, Role.ADMIN);
        List<String> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path bundle : bundles(dir)) {
            String where = dir.relativize(bundle.getParent()).toString();
            try {
                String text = Files.readString(bundle);
                Blueprint b = Catalog.read(text);
                String name = bundle.getParent().getParent().getFileName().toString();
                int major = Integer.parseInt(bundle.getParent().getFileName().toString().substring(1));
                if (!b.name().equals(name) || b.version().major() != major) {
                    refused.add(where + ": its blueprint.yaml says " + b.id() + "; the directory says " + name + "@" + major);
                    continue;
                }
                Optional<TemplateVersion> v = catalog.sync(as, text, t.publish());
                v.ifPresent(x -> done.add((t.publish() ? "published " : "drafted ") + x.id()));
            } catch (PlatformException e) {
                refused.add(where + ": " + e.getMessage());
            } catch (IOException e) {
                refused.add(where + ": " + e.getMessage());
            }
        }
        store.delivery().setBranchHead(t.key(), t.branch(), commit, clock.instant());
        String result = !done.isEmpty() ? "accepted" : refused.isEmpty() ? "ignored" : "rejected";
        String why = (done.isEmpty() ? "no new version" : String.join(", ", done))
                + (refused.isEmpty() ? "" : "; refused " + String.join("; ", refused));
        return record(t, via, id, t.branch(), commit, done.isEmpty() ? 200 : 202, result, why);
    }

    /** Every {@code NAME/vMAJOR/blueprint.yaml} of a checkout, in name order. */
    private static List<Path> bundles(Path dir) {
        try (Stream<Path> names = Files.list(dir)) {
            List<Path> out = new ArrayList<>();
            for (Path name : names.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList()) {
                try (Stream<Path> majors = Files.list(name)) {
                    majors.filter(p -> MAJOR_DIR.matcher(p.getFileName().toString()).matches())
                            .map(p -> p.resolve("blueprint.yaml")).filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Delivery.Receipt record(TemplateSource t, String via, String id, String branch, String commit, int status,
                                    String result, String why) {
        store.delivery().insertDelivery(new WebhookDelivery(0, t.key(), via, id, branch, commit, result, why,
                clock.instant()));
        store.delivery().pruneDeliveries(t.key(), Delivery.KEEP);
        return new Delivery.Receipt(status, result, why, List.of());
    }
}

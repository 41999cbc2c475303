package io.jiti.platform;

import io.jiti.api.InvalidStackException;
import io.jiti.blueprints.Blueprint;
import io.jiti.blueprints.BlueprintReader;
import io.jiti.blueprints.BlueprintVersion;
import io.jiti.blueprints.Compatibility;
import io.jiti.blueprints.Incompatibility;
import io.jiti.blueprints.Registry;
import io.jiti.platform.model.TemplateKind;
import io.jiti.platform.model.TemplateRef;
import io.jiti.platform.model.TemplateStatus;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.store.Store;
import io.jiti.spi.ParticleType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Templates: blueprints with a kind, uploaded as drafts or published, each new minor checked against the
 * major's previous one ({@link Compatibility}), service templates' requirements against the environment
 * templates they fit; deprecated and withdrawn versions take no new use.
 */
public final class Catalog {
    /** The largest bundle accepted. */
    public static final int MAX_BUNDLE = 1 << 20;
    private final Store store;
    private final Clock clock;
    private final AuditLog audit;
    private final Registry registry;
    private final Map<String, ParticleType> types;

    Catalog(Store store, Clock clock, AuditLog audit, Registry registry, Map<String, ParticleType> types) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.registry = registry;
        this.types = types;
    }

    /** Reads a bundle; its problems as bad input in {@code bundle}, each at {@code FILE:LINE:COL}. */
    public static Blueprint read(String text) {
        if (text == null || text.isBlank()) {
            throw PlatformException.badInput("bundle", "bundle is required: the text of a blueprint.yaml");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BUNDLE) {
            throw PlatformException.badInput("bundle", "a bundle is at most 1 MiB");
        }
        try {
            return BlueprintReader.read(text, "blueprint.yaml");
        } catch (InvalidStackException e) {
            throw PlatformException.badInput("bundle", e.getMessage());
        }
    }

    /**
     * Uploads a template version: as a draft ({@code draft}; a draft may be uploaded again) or published.
     * A published minor must be compatible with the major's highest published one.
     */
    public TemplateVersion publish(Caller caller, String bundle, boolean draft) {
        Blueprint b = read(bundle);
        String target = "template/" + b.id();
        return audit.guarded(caller, "template.publish", target, () -> {
            Access.requireAdmin(caller, "publish templates");
            TemplateKind kind = b.contract().kind().map(TemplateKind::of).orElseThrow(() -> PlatformException.badInput(
                    "bundle", "blueprint.yaml: a template says its kind: 'kind: environment' or 'kind: service'"));
            Optional<TemplateVersion> existing = store.template(b.name(), b.version());
            if (existing.isPresent() && existing.get().status() != TemplateStatus.DRAFT) {
                throw PlatformException.conflict("bundle", b.id() + " is " + existing.get().status().word()
                        + "; a change is a new minor version");
            }
            if (existing.isPresent() && existing.get().kind() != kind) {
                throw PlatformException.conflict("bundle", b.id() + " is a draft " + existing.get().kind().word()
                        + " template, not a " + kind.word() + " one");
            }
            if (!draft) {
                checkPublishable(b, kind);
            }
            TemplateVersion v = new TemplateVersion(b.name(), b.version(), kind,
                    draft ? TemplateStatus.DRAFT : TemplateStatus.PUBLISHED, b.description(), bundle, clock.instant(),
                    draft ? null : clock.instant());
            return store.transaction(tx -> {
                if (existing.isPresent()) {
                    tx.updateDraft(v);
                    if (!draft) {
                        tx.updateTemplateStatus(v.name(), v.version(), TemplateStatus.PUBLISHED, clock.instant());
                    }
                } else if (!tx.insertTemplate(v)) {
                    throw PlatformException.conflict("bundle", b.id() + " was published meanwhile");
                }
                audit.record(tx, caller.user(), "template.publish", target, "ok", draft ? "draft" : "published");
                return tx.template(v.name(), v.version()).orElseThrow();
            });
        });
    }

    /**
     * A version read from a template repository: nothing when the catalog has it with the same bundle;
     * otherwise checked as a publish is (compatibility with the major's highest published minor, contracts) and
     * published, or kept as a draft when {@code publish} is false. A refusal is a {@link PlatformException}.
     */
    public Optional<TemplateVersion> sync(Caller caller, String bundle, boolean publish) {
        Blueprint b = read(bundle);
        Optional<TemplateVersion> existing = store.template(b.name(), b.version());
        if (existing.isPresent() && existing.get().bundle().equals(bundle)) {
            return Optional.empty();
        }
        if (!publish) {
            Access.requireAdmin(caller, "publish templates");
            checkPublishable(b, b.contract().kind().map(TemplateKind::of).orElseThrow(() -> PlatformException.badInput(
                    "bundle", "blueprint.yaml: a template says its kind: 'kind: environment' or 'kind: service'")));
        }
        return Optional.of(publish(caller, bundle, !publish));
    }

    /** Publishes a draft, after the same checks as a direct publish. */
    public TemplateVersion publishDraft(Caller caller, String name, BlueprintVersion version) {
        TemplateVersion v = version(name, version);
        return audit.guarded(caller, "template.publish", "template/" + v.id(), () -> {
            Access.requireAdmin(caller, "publish templates");
            if (v.status() != TemplateStatus.DRAFT) {
                throw PlatformException.conflict("version", v.id() + " is " + v.status().word() + ", not a draft");
            }
            checkPublishable(read(v.bundle()), v.kind());
            return store.transaction(tx -> {
                tx.updateTemplateStatus(name, version, TemplateStatus.PUBLISHED, clock.instant());
                audit.record(tx, caller.user(), "template.publish", "template/" + v.id(), "ok", "published the draft");
                return tx.template(name, version).orElseThrow();
            });
        });
    }

    /** Deprecates or withdraws a published version (or publishes a deprecated one again). */
    public TemplateVersion setStatus(Caller caller, String name, BlueprintVersion version, TemplateStatus status) {
        TemplateVersion v = version(name, version);
        return audit.guarded(caller, "template." + status.word(), "template/" + v.id(), () -> {
            Access.requireAdmin(caller, "change template versions");
            if (status == TemplateStatus.DRAFT || v.status() == TemplateStatus.DRAFT) {
                throw PlatformException.conflict("status", "a draft is published with 'publish'; a published version"
                        + " does not become a draft");
            }
            return store.transaction(tx -> {
                tx.updateTemplateStatus(name, version, status, null);
                audit.record(tx, caller.user(), "template." + status.word(), "template/" + v.id(), "ok", "was "
                        + v.status().word());
                return tx.template(name, version).orElseThrow();
            });
        });
    }

    /** Every version of every template, or of {@code name}. */
    public List<TemplateVersion> list(Caller caller, String name) {
        return store.templates(name);
    }

    /** One version; not found names what exists. */
    public TemplateVersion version(String name, BlueprintVersion version) {
        return store.template(name, version).orElseThrow(() -> PlatformException.notFound("template",
                "no template " + name + "@" + version + known(name)));
    }

    /** The highest published minor of {@code name@major}: its recommended version. */
    public Optional<TemplateVersion> recommended(String name, int major) {
        return store.templates(name).stream().filter(v -> v.version().major() == major)
                .filter(v -> v.status() == TemplateStatus.PUBLISHED).max(Comparator.comparing(TemplateVersion::version));
    }

    /** The highest published version of {@code name}. */
    public Optional<TemplateVersion> latest(String name) {
        return store.templates(name).stream().filter(v -> v.status() == TemplateStatus.PUBLISHED)
                .max(Comparator.comparing(TemplateVersion::version));
    }

    /**
     * The version {@code ref} names for new use by {@code caller}, of {@code kind}: its minor, or the major's
     * recommended one. Drafts only for admins; deprecated and withdrawn versions never.
     */
    TemplateVersion forNewUse(Caller caller, TemplateRef ref, TemplateKind kind, String field) {
        TemplateVersion v;
        if (ref.minor().isPresent()) {
            v = store.template(ref.name(), new BlueprintVersion(ref.major(), ref.minor().getAsInt()))
                    .orElseThrow(() -> PlatformException.notFound(field, "no template " + ref + known(ref.name())));
        } else {
            v = recommended(ref.name(), ref.major()).orElseThrow(() -> PlatformException.notFound(field,
                    "no published version of " + ref + known(ref.name())));
        }
        if (v.kind() != kind) {
            throw PlatformException.badInput(field, v.id() + " is " + article(v.kind()) + " template, not "
                    + article(kind) + " one");
        }
        if (v.status() == TemplateStatus.DRAFT && !caller.admin()) {
            throw PlatformException.forbidden(v.id() + " is a draft: only admins may use drafts");
        }
        if (v.status() == TemplateStatus.DEPRECATED || v.status() == TemplateStatus.WITHDRAWN) {
            throw PlatformException.conflict(field, v.id() + " is " + v.status().word() + ": it takes no new use"
                    + recommended(ref.name(), ref.major()).map(r -> " (recommended: " + r.id() + ")").orElse(""));
        }
        return v;
    }

    private static String article(TemplateKind k) {
        return k == TemplateKind.ENVIRONMENT ? "an environment" : "a service";
    }

    private String known(String name) {
        List<TemplateVersion> all = store.templates(name);
        return all.isEmpty() ? "" : " (versions: " + all.stream().map(v -> v.version() + " " + v.status().word())
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The checks a version passes before it is published. */
    private void checkPublishable(Blueprint b, TemplateKind kind) {
        Optional<TemplateVersion> previous = store.templates(b.name()).stream()
                .filter(v -> v.version().major() == b.version().major() && v.version().compareTo(b.version()) < 0)
                .filter(v -> v.status() != TemplateStatus.DRAFT).max(Comparator.comparing(TemplateVersion::version));
        if (previous.isPresent()) {
            if (previous.get().kind() != kind) {
                throw PlatformException.conflict("bundle", b.id() + " is " + article(kind) + " template but "
                        + previous.get().id() + " is " + article(previous.get().kind()) + " one");
            }
            Compatibility.Report report = new Compatibility(registry, types, java.nio.file.Path.of("")).check(read(previous.get().bundle()), b);
            if (!report.compatible()) {
                throw PlatformException.conflict("bundle", b.id() + " is not a compatible minor of "
                        + previous.get().id() + ": " + report.problems().stream().map(Incompatibility::message)
                        .collect(Collectors.joining("; ")) + " (publish it as a new major instead)");
            }
        }
        if (kind == TemplateKind.SERVICE) {
            Contracts.checkService(b, store);
        } else {
            Contracts.checkEnvironment(b, store);
        }
    }
}

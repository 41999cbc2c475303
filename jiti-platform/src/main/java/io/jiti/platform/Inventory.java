package io.jiti.platform;

import io.jiti.blueprints.BlueprintVersion;
import io.jiti.platform.model.Deployment;
import io.jiti.platform.model.Environment;
import io.jiti.platform.model.Instance;
import io.jiti.platform.model.InventoryRow;
import io.jiti.platform.model.Page;
import io.jiti.platform.model.Service;
import io.jiti.platform.model.Target;
import io.jiti.platform.model.TemplateStatus;
import io.jiti.platform.model.TemplateVersion;
import io.jiti.platform.store.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What runs where on which template version, how its last deployment went, and whether it is outdated. */
public final class Inventory {
    private final Store store;

    Inventory(Store store) {
        this.store = store;
    }

    /**
     * Filters; null or false means any.
     *
     * @param team     instances of this team
     * @param template this template
     * @param status   last deployment status ({@code succeeded}, … or {@code none})
     * @param outdated only outdated rows
     */
    public record Filter(String team, String template, String status, boolean outdated) {
        /** No filter. */
        public static Filter none() {
            return new Filter(null, null, null, false);
        }
    }

    /** The rows that pass {@code filter}, environments first, from {@code after} (a cursor: the last target seen). */
    public Page<InventoryRow> list(Caller caller, Filter filter, String after, int limit) {
        int n = Access.limit(limit);
        Map<String, List<TemplateVersion>> versions = new HashMap<>();
        store.templates(null).forEach(v -> versions.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v));
        Map<String, Service> services = new HashMap<>();
        store.services().forEach(s -> services.put(s.name(), s));
        List<InventoryRow> rows = new ArrayList<>();
        for (Environment e : store.environments()) {
            rows.add(row("environment", e.target(), null, e.template(), e.version(), versions));
        }
        for (Instance i : store.instances()) {
            Service s = services.get(i.service());
            rows.add(row("instance", i.target(), s == null ? null : s.team(), s == null ? "" : s.template(), i.version(),
                    versions));
        }
        List<InventoryRow> kept = rows.stream().filter(r -> pass(r, filter))
                .filter(r -> after == null || after.isEmpty() || key(r).compareTo(after) > 0)
                .sorted(Comparator.comparing(Inventory::key)).toList();
        return Page.cut(kept, n, Inventory::key);
    }

    private static String key(InventoryRow r) {
        return (r.kind().equals("environment") ? "0" : "1") + r.target();
    }

    private static boolean pass(InventoryRow r, Filter f) {
        return (f.team() == null || f.team().equals(r.team())) && (f.template() == null || f.template().equals(r.template()))
                && (f.status() == null || f.status().equals(r.status())) && (!f.outdated() || r.outdated());
    }

    private InventoryRow row(String kind, Target target, String team, String template, BlueprintVersion version,
            Map<String, List<TemplateVersion>> versions) {
        List<TemplateVersion> all = versions.getOrDefault(template, List.of());
        Optional<TemplateVersion> latest = all.stream().filter(v -> v.status() == TemplateStatus.PUBLISHED)
                .max(Comparator.comparing(TemplateVersion::version));
        TemplateStatus own = all.stream().filter(v -> v.version().equals(version)).map(TemplateVersion::status)
                .findFirst().orElse(TemplateStatus.WITHDRAWN);
        boolean outdated = latest.map(l -> l.version().compareTo(version) > 0).orElse(false)
                || own == TemplateStatus.DEPRECATED || own == TemplateStatus.WITHDRAWN;
        Optional<Deployment> last = store.latest(target);
        return new InventoryRow(kind, target.toString(), team, target.environment(), target.service(), template,
                version.toString(), last.map(d -> d.status().word()).orElse("none"), last.map(Deployment::id).orElse(0L),
                last.map(d -> d.finished() != null ? d.finished() : d.created()).orElse(null),
                latest.map(TemplateVersion::version).map(BlueprintVersion::toString).orElse(null), outdated);
    }
}

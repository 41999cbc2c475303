package io.jiti.platform;

import io.jiti.platform.model.InventoryRow;
import io.jiti.platform.model.Page;
import io.jiti.platform.store.Store;
import java.util.List;

/** What runs where on which template version, how its last deployment went, and whether it is outdated. */
public final class Inventory {
    /** What a row's last deployment status may be filtered by. */
    public static final List<String> STATUSES = List.of("queued", "running", "succeeded", "failed", "cancelled", "none");
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

    /**
     * The rows that pass {@code filter}, environments first, from {@code after} (a cursor: the key of the last
     * row seen); one query, whatever the size of the inventory.
     */
    public Page<InventoryRow> list(Caller caller, Filter filter, String after, int limit) {
        int n = Access.limit(limit);
        if (filter.status() != null && !STATUSES.contains(filter.status())) {
            throw PlatformException.badInput("status", "status is one of " + String.join(", ", STATUSES));
        }
        List<InventoryRow> rows = store.inventory(filter.team(), filter.template(), filter.status(), filter.outdated(),
                after, n + 1);
        return Page.cut(rows, n, Inventory::key);
    }

    /** A row's cursor: environments sort before instances, then by target. */
    static String key(InventoryRow r) {
        return (r.kind().equals("environment") ? "0" : "1") + r.target();
    }
}

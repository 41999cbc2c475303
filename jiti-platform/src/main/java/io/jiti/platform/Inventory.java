package io.jiti.platform;

import io.jiti.platform.model.InventoryFilter;
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
     * The rows that pass {@code filter}, environments first, from {@code after} (a cursor: the key of the last
     * row seen); one query, whatever the size of the inventory.
     */
    public Page<InventoryRow> list(Caller caller, InventoryFilter filter, String after, int limit) {
        int n = Access.limit(limit);
        if (filter.status() != null && !STATUSES.contains(filter.status())) {
            throw PlatformException.badInput("status", "status is one of " + String.join(", ", STATUSES));
        }
        List<InventoryRow> rows = store.inventory(filter, after, n + 1);
        return Page.cut(rows, n, InventoryRow::key);
    }
}

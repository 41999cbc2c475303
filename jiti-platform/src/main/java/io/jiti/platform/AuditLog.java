package io.jiti.platform;

import io.jiti.platform.model.AuditEntry;
import io.jiti.platform.model.Page;
import io.jiti.platform.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** The append-only record of every change and every refused attempt; admins read it. */
public final class AuditLog {
    private final Store store;
    private final Clock clock;

    AuditLog(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records that {@code caller} did {@code action} to {@code target} with {@code result}. */
    void record(Store tx, String actor, String action, String target, String result, String detail) {
        tx.appendAudit(new AuditEntry(0, clock.instant(), actor, action, target, result, detail));
    }

    /** Runs {@code work}; a refusal by role is recorded in the audit log before it reaches the caller. */
    <T> T guarded(Caller caller, String action, String target, Supplier<T> work) {
        try {
            return work.get();
        } catch (PlatformException e) {
            if (e.reason() == PlatformException.Reason.FORBIDDEN) {
                store.transaction(tx -> {
                    record(tx, caller.user(), action, target, "denied", e.getMessage());
                    return null;
                });
            }
            throw e;
        }
    }

    /** Entries, newest first; a page ends where the next starts ({@code before} is a previous page's cursor). */
    public Page<AuditEntry> entries(Caller caller, long before, int limit) {
        Access.requireAdmin(caller, "read the audit log");
        int n = Access.limit(limit);
        List<AuditEntry> items = store.audit(before, n + 1);
        return Page.cut(items, n, x -> Long.toString(x.id()));
    }
}

package io.jiti.s3;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of a listing: the entries (object versions with their keys) and common prefixes in S3's order,
 * and where the next page starts.
 *
 * @param entries   keys with the version listed for each (or each version, for version listings)
 * @param prefixes  common prefixes
 * @param truncated whether there is more
 * @param nextKey   the last key or prefix on this page (the next page starts after it), or null
 * @param nextVersion for version listings: the last version id on this page, or null
 */
record Listing(List<Entry> entries, List<String> prefixes, boolean truncated, String nextKey, String nextVersion) {

    /** A key and one of its versions. */
    record Entry(String key, ObjectVersion version, boolean latest) {
    }

    /** The current, not deleted objects (ListObjects, ListObjectsV2). */
    static Listing objects(BucketStore store, ListQuery q) {
        return page(store, q, false);
    }

    /** Every version and delete marker (ListObjectVersions). */
    static Listing versions(BucketStore store, ListQuery q) {
        return page(store, q, true);
    }

    private static Listing page(BucketStore store, ListQuery q, boolean allVersions) {
        List<Entry> entries = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String[] last = {null, null};
        boolean[] truncated = {false};
        String after = q.after();
        String skipUnder = after != null && !q.delimiter().isEmpty() && after.endsWith(q.delimiter()) ? after : null;
        String from = after == null || BucketStore.compareUtf8(after, q.prefix()) < 0 ? q.prefix() : after;
        boolean inclusive = after == null || !from.equals(after) || (allVersions && q.afterVersion() != null);
        store.scan(from, inclusive, h -> {
            String key = h.key();
            if (!key.startsWith(q.prefix())) {
                return BucketStore.compareUtf8(key, q.prefix()) < 0;
            }
            if (skipUnder != null && key.startsWith(skipUnder)) {
                return true;
            }
            List<ObjectVersion> versions = allVersions ? h.versions() : List.of(h.latest());
            if (!allVersions && h.latest().deleteMarker()) {
                return true;
            }
            String common = q.rollUp(key);
            if (common != null) {
                if (common.equals(last[0])) { // keys under one prefix are next to each other
                    return true;
                }
                if (entries.size() + prefixes.size() >= q.maxKeys()) {
                    truncated[0] = true;
                    return false;
                }
                prefixes.add(common);
                last[0] = common;
                last[1] = null;
                return true;
            }
            boolean skipping = allVersions && key.equals(after) && q.afterVersion() != null;
            for (int i = 0; i < versions.size(); i++) {
                ObjectVersion v = versions.get(i);
                if (skipping) {
                    skipping = !v.versionId().equals(q.afterVersion());
                    continue;
                }
                if (entries.size() + prefixes.size() >= q.maxKeys()) {
                    truncated[0] = true;
                    return false;
                }
                entries.add(new Entry(key, v, i == 0));
                last[0] = key;
                last[1] = v.versionId();
            }
            return true;
        });
        return new Listing(entries, prefixes, truncated[0], truncated[0] ? last[0] : null,
                truncated[0] ? last[1] : null);
    }
}

package io.jiti.s3;

import java.util.List;

/**
 * An object key with its versions, newest first (one version unless the bucket keeps versions).
 *
 * @param key      the object key
 * @param versions its versions and delete markers, newest first; never empty
 */
record ObjectHistory(String key, List<ObjectVersion> versions) {

    ObjectHistory {
        versions = List.copyOf(versions);
    }

    /** The current version: what a GET without version id reads (may be a delete marker). */
    ObjectVersion latest() {
        return versions.get(0);
    }
}

package io.jiti.platform.model;

import java.time.Instant;

/**
 * One line of the inventory: an environment or a service instance, with its template version and how it
 * stands.
 *
 * @param kind        {@code environment} or {@code instance}
 * @param target      what it is ({@code environment/NAME}, {@code instance/SERVICE/ENV})
 * @param team        the owning team (instances), or null
 * @param environment the environment
 * @param service     the service, or null
 * @param template    its template
 * @param version     the template version it is pinned to
 * @param status      its last deployment's status, or {@code none}
 * @param deployment  its last deployment's id, or 0
 * @param deployedAt  when that deployment ended (or was queued), or null
 * @param latest      the newest published version of its template (any major), or null
 * @param outdated    whether a newer minor or major is published (or its version was deprecated or withdrawn)
 */
public record InventoryRow(String kind, String target, String team, String environment, String service,
                           String template, String version, String status, long deployment, Instant deployedAt,
                           String latest, boolean outdated) {

    /** Its place in the inventory, and the cursor of a page that ends with it: environments first, then by target. */
    public String key() {
        return (kind.equals("environment") ? "0" : "1") + target;
    }
}

package io.jiti.platform.model;

/**
 * Which inventory rows to list; null or false means any.
 *
 * @param team        instances of this team
 * @param template    this template
 * @param status      last deployment status ({@code succeeded}, … or {@code none})
 * @param outdated    only outdated rows
 * @param environment the environment and the instances in it
 * @param service     instances of this service (no environment rows)
 */
public record InventoryFilter(String team, String template, String status, boolean outdated, String environment,
                              String service) {

    /** The filters of the inventory's own lists (every environment). */
    public InventoryFilter(String team, String template, String status, boolean outdated) {
        this(team, template, status, outdated, null, null);
    }

    /** No filter. */
    public static InventoryFilter none() {
        return new InventoryFilter(null, null, null, false);
    }

    /** The row of {@code target} alone. */
    public static InventoryFilter of(Target target) {
        return new InventoryFilter(null, null, null, false, target.environment(), target.service());
    }
}

package io.jiti.platform.model;

import java.time.Instant;

/**
 * A team: it owns services; its entitlements say which templates it may use where.
 *
 * @param name    its name
 * @param created when it was created
 */
public record Team(String name, Instant created) {
}
